CREATE TABLE `node_event_chunks` (
	`run_id` integer NOT NULL,
	`node` text NOT NULL,
	`last_seq` integer NOT NULL,
	`first_seq` integer NOT NULL,
	`min_clock` integer NOT NULL,
	`max_clock` integer NOT NULL,
	`count` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`run_id`, `node`, `last_seq`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `node_event_marks` (
	`run_id` integer PRIMARY KEY NOT NULL,
	`through_seq` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
