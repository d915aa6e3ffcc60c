// Listen address and CIDR parsing; see network_address.h.
#include "telephony/network_address.h"

#include <charconv>

namespace frontline::telephony {
namespace {

std::optional<int> parseNumber(std::string_view text, int max) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > max) return std::nullopt;
  return value;
}

std::optional<asio::ip::address> parseHost(std::string_view text) {
  asio::error_code ec;
  auto address = asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return address;
}

}  // namespace

std::string ListenAddress::toString() const {
  return (host.is_v6() ? "[" + host.to_string() + "]" : host.to_string()) + ":" + std::to_string(port);
}

Parsed<ListenAddress> parseListenAddress(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return std::string("expected [IPv6]:port, for example [::1]:5060");
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::string("expected host:port, for example 127.0.0.1:5060");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) return std::string("write IPv6 addresses as [address]:port");
  }
  auto address = parseHost(host);
  if (!address) return "'" + std::string(host) + "' is not an IP address";
  auto number = parseNumber(port, 65535);
  if (!number) return "'" + std::string(port) + "' is not a port number (0-65535)";
  return ListenAddress{*address, static_cast<std::uint16_t>(*number)};
}

Parsed<CidrBlock> parseCidr(std::string_view text) {
  auto slash = text.find('/');
  auto address = parseHost(text.substr(0, slash));
  if (!address) return "'" + std::string(text.substr(0, slash)) + "' is not an IP address";
  const int maxBits = address->is_v4() ? 32 : 128;
  int bits = maxBits;
  if (slash != std::string_view::npos) {
    auto parsed = parseNumber(text.substr(slash + 1), maxBits);
    if (!parsed)
      return "'" + std::string(text.substr(slash + 1)) + "' is not a prefix length (0-" + std::to_string(maxBits) + ")";
    bits = *parsed;
  }
  const auto prefix = static_cast<unsigned short>(bits);
  if (address->is_v4()) return CidrBlock{asio::ip::network_v4(address->to_v4(), prefix).canonical()};
  return CidrBlock{asio::ip::network_v6(address->to_v6(), prefix).canonical()};
}

bool CidrBlock::contains(const asio::ip::address& peer) const {
  if (const auto* v4 = std::get_if<asio::ip::network_v4>(&network)) {
    asio::ip::address_v4 candidate;
    if (peer.is_v4()) {
      candidate = peer.to_v4();
    } else if (peer.to_v6().is_v4_mapped()) {  // an IPv4 peer on a dual-stack socket: ::ffff:a.b.c.d
      candidate = asio::ip::make_address_v4(asio::ip::v4_mapped, peer.to_v6());
    } else {
      return false;
    }
    return asio::ip::network_v4(candidate, v4->prefix_length()).network() == v4->network();
  }
  const auto& v6 = std::get<asio::ip::network_v6>(network);
  return peer.is_v6() && asio::ip::network_v6(peer.to_v6(), v6.prefix_length()).network() == v6.network();
}

std::string CidrBlock::toString() const {
  return std::visit([](const auto& n) { return n.to_string(); }, network);
}

}  // namespace frontline::telephony
