/**
 * Clausewatch's composition root: {@link dev.clausewatch.Clausewatch} builds the object graph
 * with plain constructors from a {@link dev.clausewatch.storage.StorageConfig} and hands it to the
 * command line. Nothing else wires objects together.
 */
package dev.clausewatch;
