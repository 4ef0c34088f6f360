package io.chassis.grpc.internal;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Resolves {@code static:///host:port,host:port} to exactly those addresses (a fixed pool, no DNS
 * refresh), so a client can spread calls over known instances with {@code round_robin}. Found by
 * grpc-java through {@code META-INF/services/io.grpc.NameResolverProvider}.
 */
public final class StaticResolverProvider extends NameResolverProvider {

    static final String SCHEME = "static";

    /** Created by the service loader. */
    public StaticResolverProvider() {}

    @Override
    public NameResolver newNameResolver(URI target, NameResolver.Args args) {
        if (!SCHEME.equals(target.getScheme())) {
            return null;
        }
        String path = target.getPath();
        String list = path.startsWith("/") ? path.substring(1) : path;
        return new Fixed(parse(list));
    }

    /**
     * @param list {@code host:port,host:port}
     * @return the addresses, unresolved
     * @throws IllegalArgumentException naming the entry that is not {@code host:port}
     */
    static List<InetSocketAddress> parse(String list) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String entry : list.split(",", -1)) {
            String e = entry.trim();
            int colon = e.lastIndexOf(':');
            int port;
            try {
                port = colon <= 0 ? -1 : Integer.parseInt(e.substring(colon + 1));
            } catch (NumberFormatException bad) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(
                        "'" + e + "' is not host:port with a port from 1 to 65535 (static:///host:port,host:port)");
            }
            String host = e.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            addresses.add(InetSocketAddress.createUnresolved(host, port));
        }
        return addresses;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 5;
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }

    private static final class Fixed extends NameResolver {

        private final List<InetSocketAddress> addresses;
        private Listener2 listener;

        Fixed(List<InetSocketAddress> addresses) {
            this.addresses = addresses;
        }

        @Override
        public String getServiceAuthority() {
            InetSocketAddress first = addresses.get(0);
            return first.getHostString() + ":" + first.getPort();
        }

        @Override
        public synchronized void start(Listener2 listener) {
            this.listener = listener;
            resolve();
        }

        @Override
        public synchronized void refresh() {
            if (listener != null) {
                resolve();
            }
        }

        private void resolve() {
            List<EquivalentAddressGroup> groups = new ArrayList<>();
            for (InetSocketAddress address : addresses) {
                // resolved here, at (re)connect time; unresolved addresses would fail the transport
                InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
                if (resolved.isUnresolved()) {
                    listener.onError(Status.UNAVAILABLE.withDescription(
                            "cannot resolve " + address.getHostString() + " of target static:///"));
                    return;
                }
                groups.add(new EquivalentAddressGroup(resolved));
            }
            listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
        }

        @Override
        public void shutdown() {}
    }
}
