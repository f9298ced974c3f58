CREATE TABLE `blocks` (
	`run_id` integer NOT NULL,
	`ordinal` integer NOT NULL,
	`hash` text NOT NULL,
	`height` integer NOT NULL,
	`parent` text NOT NULL,
	`miner` text,
	`clock` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`run_id`, `ordinal`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `blocks_by_hash` ON `blocks` (`run_id`,`hash`);--> statement-breakpoint
CREATE TABLE `checkpoints` (
	`run_id` integer NOT NULL,
	`command_seq` integer NOT NULL,
	`clock` integer NOT NULL,
	`state` text NOT NULL,
	PRIMARY KEY(`run_id`, `command_seq`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `checkpoints_by_clock` ON `checkpoints` (`run_id`,`clock`);--> statement-breakpoint
CREATE TABLE `commands` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`clock` integer NOT NULL,
	`clock_after` integer NOT NULL,
	`origin` text NOT NULL,
	`command` text NOT NULL,
	`result` text,
	`events_before` integer NOT NULL,
	PRIMARY KEY(`run_id`, `seq`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `events` (
	`run_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`clock` integer NOT NULL,
	`node` text NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`run_id`, `seq`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `events_by_clock` ON `events` (`run_id`,`clock`);--> statement-breakpoint
CREATE TABLE `runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`ended_at` text,
	`status` text NOT NULL,
	`config` text NOT NULL,
	`dialect` text NOT NULL,
	`app_version` text NOT NULL,
	`parent_run_id` integer,
	`branch_clock` integer,
	`clocks` integer DEFAULT 0 NOT NULL,
	`commands` integer DEFAULT 0 NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	`blocks` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `transactions` (
	`run_id` integer NOT NULL,
	`id` text NOT NULL,
	`sender` text,
	`recipient` text NOT NULL,
	`value` integer NOT NULL,
	`node` text NOT NULL,
	`clock` integer NOT NULL,
	PRIMARY KEY(`run_id`, `id`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
