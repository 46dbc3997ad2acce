#include "http/proxy_trust.hpp"
#include "http/text.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <optional>

namespace comptoir::http {

namespace {

struct Address {
    bool v6 = false;
    unsigned char bytes[16] = {};
};

// Parses "1.2.3.4", "::1", "[::1]", "1.2.3.4:5678" or "[::1]:80"; an
// IPv4-mapped IPv6 address ("::ffff:1.2.3.4") counts as its IPv4 address.
std::optional<Address> parse_address(std::string_view text) {
    if (text.starts_with('[')) {
        auto close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        text = text.substr(1, close - 1);
    } else if (text.find(':') == text.rfind(':') && text.find(':') != std::string_view::npos) {
        text = text.substr(0, text.find(':'));  // IPv4 with a port
    }
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
    char buffer[INET6_ADDRSTRLEN];
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    Address address;
    if (inet_pton(AF_INET, buffer, address.bytes) == 1) return address;
    if (inet_pton(AF_INET6, buffer, address.bytes) != 1) return std::nullopt;
    static constexpr unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::memcmp(address.bytes, mapped, 12) == 0) {
        std::memmove(address.bytes, address.bytes + 12, 4);
        std::memset(address.bytes + 4, 0, 12);
        return address;
    }
    address.v6 = true;
    return address;
}

}  // namespace

Result<ProxyTrust> ProxyTrust::parse(const std::vector<std::string>& entries) {
    ProxyTrust trust;
    for (const auto& entry : entries) {
        std::string_view text = entry;
        auto slash = text.find('/');
        auto address = parse_address(text.substr(0, slash));
        if (!address || text.starts_with('[')) {
            return fail(ErrorCode::invalid_input, "trusted proxy is not an IP address or network: " + entry);
        }
        Network network;
        network.v6 = address->v6;
        std::memcpy(network.bytes, address->bytes, sizeof network.bytes);
        int max_prefix = address->v6 ? 128 : 32;
        network.prefix = max_prefix;
        if (slash != std::string_view::npos) {
            auto digits = text.substr(slash + 1);
            auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), network.prefix);
            if (ec != std::errc() || end != digits.data() + digits.size() || network.prefix < 0 ||
                network.prefix > max_prefix) {
                return fail(ErrorCode::invalid_input, "trusted proxy network has a bad prefix length: " + entry);
            }
        }
        trust.networks_.push_back(network);
    }
    return trust;
}

bool ProxyTrust::trusts(std::string_view addr) const {
    if (networks_.empty()) return false;
    auto address = parse_address(addr);
    if (!address) return false;
    for (const auto& network : networks_) {
        if (network.v6 != address->v6) continue;
        int full = network.prefix / 8, bits = network.prefix % 8;
        if (std::memcmp(network.bytes, address->bytes, full) != 0) continue;
        if (bits != 0) {
            unsigned char mask = static_cast<unsigned char>(0xFF << (8 - bits));
            if ((network.bytes[full] & mask) != (address->bytes[full] & mask)) continue;
        }
        return true;
    }
    return false;
}

std::string ProxyTrust::client_addr(std::string_view peer, const Headers& headers) const {
    if (!trusts(peer)) return std::string(peer);
    // Every proxy appends the address it received from; walk back from the
    // right past our own proxies to the first hop we did not run.
    std::vector<std::string_view> hops;
    for (const auto& [name, value] : headers.fields()) {
        if (!iequals(name, "X-Forwarded-For")) continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            auto comma = rest.find(',');
            if (auto hop = trim(rest.substr(0, comma)); !hop.empty()) hops.push_back(hop);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
    }
    std::string_view client = peer;
    for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
        if (!parse_address(*it)) break;  // "unknown" or garbage: keep the last address we can vouch for
        client = *it;
        if (!trusts(*it)) break;
    }
    return std::string(client);
}

bool ProxyTrust::forwarded_secure(std::string_view peer, const Headers& headers) const {
    auto proto = headers.get("X-Forwarded-Proto");
    if (!proto || !trusts(peer)) return false;
    std::string_view value = *proto;
    if (auto comma = value.rfind(','); comma != std::string_view::npos) value = value.substr(comma + 1);
    return iequals(trim(value), "https");
}

}  // namespace comptoir::http
