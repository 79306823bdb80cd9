package dev.clausewatch.registry;

/** How a source is fetched: a plain HTTP request, or a headless browser that runs the page's scripts. */
public enum FetchMode {
    HTTP,
    BROWSER
}
