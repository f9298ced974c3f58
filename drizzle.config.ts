import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/recorder/schema.ts',
  out: './drizzle',
})
