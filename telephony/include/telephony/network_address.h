// Listener addresses ("127.0.0.1:5060", "[::1]:2525") and CIDR allow-list entries
// ("127.0.0.0/8", "::1/128", "10.1.2.3"). Parsed from configuration text; invalid text
// gives an error message, never an exception.
#pragma once

#include <asio/ip/address.hpp>
#include <asio/ip/network_v4.hpp>
#include <asio/ip/network_v6.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace frontline::telephony {

struct ListenAddress {
  asio::ip::address host;
  std::uint16_t port = 0;
  std::string toString() const;
};

// An allow-list entry as Asio's network type (host bits cleared), so that checking a
// peer is a masked comparison: no text is made per datagram or connection.
struct CidrBlock {
  std::variant<asio::ip::network_v4, asio::ip::network_v6> network;
  bool contains(const asio::ip::address& peer) const;
  std::string toString() const;
};

// Either the parsed value or a message saying what is wrong with the text.
template <typename T>
using Parsed = std::variant<T, std::string>;

Parsed<ListenAddress> parseListenAddress(std::string_view text);
Parsed<CidrBlock> parseCidr(std::string_view text);

}  // namespace frontline::telephony
