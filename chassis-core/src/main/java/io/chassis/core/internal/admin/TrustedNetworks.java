package io.chassis.core.internal.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/** The CIDR blocks of {@code chassis.admin.trusted-networks}, parsed once; matching compares bytes. */
public final class TrustedNetworks {

    /** One block: the network's address bytes and how many leading bits must match. */
    private record Block(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final Block[] blocks;

    private TrustedNetworks(List<Block> blocks) {
        this.blocks = blocks.toArray(Block[]::new);
    }

    /**
     * Parses CIDR blocks such as {@code 127.0.0.1/32} or {@code ::1/128}; a bare address means the
     * address alone.
     *
     * @param cidrs the blocks as configured
     * @return the blocks
     * @throws IllegalArgumentException naming the first block that is not a literal address with a
     *     prefix length in range
     */
    public static TrustedNetworks parse(List<String> cidrs) {
        List<Block> blocks = new ArrayList<>(cidrs.size());
        for (String cidr : cidrs) {
            blocks.add(block(cidr));
        }
        return new TrustedNetworks(blocks);
    }

    /**
     * @param cidr one block
     * @return null when it is valid, else why not
     */
    public static String problem(String cidr) {
        try {
            block(cidr);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Block block(String cidr) {
        String text = cidr == null ? "" : cidr.trim();
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        // Only literals: InetAddress.getByName would resolve a host name through DNS.
        if (host.isEmpty()
                || !(host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address literal with an optional /prefix");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address literal with an optional /prefix");
        }
        int max = address.length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + max);
            }
        }
        return new Block(address, bits);
    }

    /**
     * @param peer the caller's socket address
     * @return whether it lies in one of the blocks
     */
    public boolean contains(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return false;
        }
        byte[] address = socket.getAddress().getAddress(); // IPv4-mapped IPv6 arrives as IPv4 already
        for (Block block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether no block is configured (then no caller is trusted) */
    public boolean isEmpty() {
        return blocks.length == 0;
    }
}
