package dev.chat.load.workload;

import dev.chat.load.client.Protocol;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every workload is told: where the system is, where users come from, how the tool spreads
 * its sockets, and where results go.
 *
 * @param gateways       the gateways' socket URLs; clients are spread over them
 * @param protocol       what the clients speak, and how users and groups are made
 * @param keyDir         the local stack's key folder, to mint tokens for users without accounts
 * @param accountsFile   where users are kept between runs (reused when it holds enough)
 * @param sourceAddresses loopback addresses the sockets are spread over; empty: the default
 * @param eventLoops     the tool's Vert.x event loops
 * @param resultsDir     JSON results and plots
 * @param progress       how often a progress line is printed
 * @param watch          server processes to sample: name → pid
 * @param bodyLength     characters per message body
 * @param ackInterval    how often receivers send their gathered acknowledgements ({@code delivered} frames)
 */
public record RunSettings(List<URI> gateways, Protocol protocol, Path keyDir, Path accountsFile,
        List<String> sourceAddresses, int eventLoops, Path resultsDir, Duration progress, Map<String, Long> watch,
        int bodyLength, Duration ackInterval) {
}
