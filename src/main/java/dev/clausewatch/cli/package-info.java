/**
 * The command line (picocli): {@code import}, {@code platforms}, {@code documents},
 * {@code history}, {@code show}, {@code verify}, {@code types}, {@code demo} and {@code bench}.
 * Every listing prints a table for people and, with {@code --json}, JSON for programs. Commands
 * are thin: they parse, call the workspace, and print.
 */
package dev.clausewatch.cli;
