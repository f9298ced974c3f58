CREATE TABLE `event_chunks` (
	`run_id` integer NOT NULL,
	`first_seq` integer NOT NULL,
	`last_seq` integer NOT NULL,
	`min_clock` integer NOT NULL,
	`max_clock` integer NOT NULL,
	`count` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`run_id`, `first_seq`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_chunks_by_clock` ON `event_chunks` (`run_id`,`min_clock`,`max_clock`,`first_seq`);