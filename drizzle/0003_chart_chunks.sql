CREATE TABLE `chart_chunks` (
	`run_id` integer NOT NULL,
	`first_seq` integer NOT NULL,
	`last_seq` integer NOT NULL,
	`events` text NOT NULL,
	PRIMARY KEY(`run_id`, `first_seq`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE cascade
);
