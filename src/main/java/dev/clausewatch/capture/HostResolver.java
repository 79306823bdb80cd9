package dev.clausewatch.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Name resolution, separate so that tests can decide what a name resolves to without any lookup. */
@FunctionalInterface
public interface HostResolver {
    InetAddress[] resolve(String host) throws UnknownHostException;

    HostResolver SYSTEM = InetAddress::getAllByName;
}
