package dev.clausewatch.registry;

import java.util.List;

/** What one OTA declaration file pair says of a service: the platform and all its declarations. */
public record DeclaredService(Platform platform, List<SourceDeclaration> declarations) {
    public DeclaredService {
        declarations = List.copyOf(declarations);
    }
}
