package dev.clausewatch.change;

/** What happened to a provision between two versions. */
public enum ChangeKind { ADDED, REMOVED, MODIFIED, MOVED, SPLIT, MERGED }
