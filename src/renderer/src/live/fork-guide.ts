import type { LinkSummary, NetworkInfo } from '../../../shared/api-types'
import type { LabClient } from '../../../shared/lab-bridge'

/** What the guide's steps act on: three nodes of the live network, and its client. */
export interface GuideContext {
  readonly client: LabClient
  /** The node cut off, and two on the other side. */
  readonly alone: string
  readonly b: string
  readonly c: string
  /** Applies an answer to the live view at once. */
  readonly accept: (info: NetworkInfo) => void
  /** The links the guide cut, to heal them again. */
  cut: LinkSummary[]
}

export interface GuideStep {
  readonly title: string
  /** Does the step; answers what happened, in words. */
  readonly run: (ctx: GuideContext) => Promise<string>
}

/** How many clocks the last step waits, at most, for the sides to agree. */
export const AGREE_WITHIN = 12

async function stepBy(ctx: GuideContext, clocks: number): Promise<NetworkInfo> {
  const info = await ctx.client.step({ clocks })
  ctx.accept(info)
  return info
}

/**
 * "Make a fork", step by step on the live network: every step is an ordinary lab command, so the
 * run records it and a replay shows it again.
 */
export const FORK_GUIDE: readonly GuideStep[] = [
  {
    title: 'Cut a partition',
    run: async (ctx) => {
      const info = await ctx.client.getNetwork({})
      ctx.cut = info.links.filter((l) => l.up && (l.a === ctx.alone || l.b === ctx.alone))
      for (const l of ctx.cut) ctx.accept(await ctx.client.cutLink({ a: l.a, b: l.b }))
      return `${ctx.alone} is cut off: ${ctx.cut.length} link(s) down. Messages between ${ctx.alone} and the others are dropped, so the two sides cannot hear each other.`
    },
  },
  {
    title: 'Mine on both sides',
    run: async (ctx) => {
      await ctx.client.mine({ node: ctx.alone })
      await ctx.client.mine({ node: ctx.b })
      const info = await stepBy(ctx, 6)
      return `${ctx.alone} and ${ctx.b} each mined a block (3 clocks) on the same parent: a fork. ${ctx.c} took ${ctx.b}'s block; ${ctx.alone} never heard of it. Clock ${info.clock}: the block tree shows two branches.`
    },
  },
  {
    title: 'One side mines again',
    run: async (ctx) => {
      await ctx.client.mine({ node: ctx.c })
      const info = await stepBy(ctx, 6)
      return `${ctx.c} mined on ${ctx.b}'s block: that side's chain is now one block longer than ${ctx.alone}'s. Clock ${info.clock}.`
    },
  },
  {
    title: 'Heal the links',
    run: async (ctx) => {
      for (const l of ctx.cut) ctx.accept(await ctx.client.healLink({ a: l.a, b: l.b }))
      return `The links are up again. Each end announces its tip to the other, as Bitcoin peers do on connecting: no new block is needed for the sides to compare chains.`
    },
  },
  {
    title: 'Watch the reorganisation',
    run: async (ctx) => {
      for (let i = 0; i < AGREE_WITHIN; i++) {
        const info = await stepBy(ctx, 1)
        const tips = new Set(info.nodes.map((n) => n.tip))
        if (tips.size === 1)
          return `Clock ${info.clock}: ${ctx.alone} received the longer chain, abandoned its own block and adopted the other side's (a reorganisation: see the O entry in the event log). Every node has the same tip again: the fork is resolved.`
      }
      return `The nodes do not agree yet after ${AGREE_WITHIN} clocks: step on and watch the event log.`
    },
  },
]
