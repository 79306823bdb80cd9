/**
 * Handing the archive over: the Open Terms Archive dataset layout (readable by OTA's tools and by
 * Clausewatch's own import), provisions as JSON Lines and changes as CSV, each with the licence and
 * attribution of its sources and the signed head of the archive it was made from.
 */
package dev.clausewatch.export;
