#pragma once
// Which peers are reverse proxies whose X-Forwarded-* headers we believe.
// Anyone can send those headers; only a proxy we run may speak for the client.
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/message.hpp"

namespace comptoir::http {

class ProxyTrust {
  public:
    /// Entries are addresses ("10.0.0.5", "::1") or networks ("10.0.0.0/8").
    static Result<ProxyTrust> parse(const std::vector<std::string>& entries);

    bool trusts(std::string_view addr) const;
    /// The peer, or, when the peer is trusted, the right-most address of
    /// X-Forwarded-For that is not itself a trusted proxy.
    std::string client_addr(std::string_view peer, const Headers& headers) const;
    /// X-Forwarded-Proto: https, believed only from a trusted peer.
    bool forwarded_secure(std::string_view peer, const Headers& headers) const;

  private:
    struct Network {
        bool v6 = false;
        unsigned char bytes[16] = {};
        int prefix = 0;
    };
    std::vector<Network> networks_;
};

}  // namespace comptoir::http
