import { describe, expect, it } from 'vitest';
import { analyseStraceLog, describeRefused } from '../../../tests/offline/strace-log';

/**
 * Lines as `strace -f -e trace=connect,sendto,sendmsg,sendmmsg -o log` writes them (recorded
 * from a Node process inside `unshare -n`): the parser must let the server's loopback port
 * and local IPC through and refuse everything else, or the offline proof proves nothing.
 */
const SERVER_PORT = 41789;
const LINES = {
  nscd: '7943  connect(19, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT (No such file or directory)',
  abstractUnix:
    '8120  connect(7, {sa_family=AF_UNIX, sun_path=@"/tmp/.X11-unix/X0"}, 21) = -1 ECONNREFUSED (Connection refused)',
  netlink:
    '8200  sendto(11, [{nlmsg_len=20, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=1, nlmsg_pid=0}, {ifi_family=AF_UNSPEC}], 20, 0, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 20',
  server: `7936  connect(19, {sa_family=AF_INET, sin_port=htons(${SERVER_PORT}), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress)`,
  server6: `7936  connect(21, {sa_family=AF_INET6, sin6_port=htons(${SERVER_PORT}), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0`,
  connectedSend: '7936  sendto(19, "GET / HTTP/1.1\\r\\nHost: 127.0.0.1"..., 120, MSG_NOSIGNAL, NULL, 0) = 120',
  web: '7936  connect(20, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("93.184.216.34")}, 16) = -1 ENETUNREACH (Network is unreachable)',
  web6Unfinished:
    '7936  connect(19, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28 <unfinished ...>',
  resumed: '7936  <... connect resumed>)            = -1 ENETUNREACH (Network is unreachable)',
  dnsUdp:
    '7936  sendmsg(20, {msg_name={sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.1")}, msg_namelen=16, msg_iov=[{iov_base="x", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = -1 ENETUNREACH (Network is unreachable)',
  dnsLoopback: '7943  connect(20, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0',
  otherLoopbackPort:
    '7950  connect(22, {sa_family=AF_INET, sin_port=htons(9229), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused)',
  exit: '7936  +++ exited with 0 +++',
};

describe('strace log policy', () => {
  it('lets local IPC, the server port on 127.0.0.1 and ::1, and sends on connected sockets through', () => {
    const log = [
      LINES.nscd,
      LINES.abstractUnix,
      LINES.netlink,
      LINES.server,
      LINES.server6,
      LINES.connectedSend,
      LINES.resumed,
      LINES.exit,
    ].join('\n');
    const report = analyseStraceLog(log, { allowedLoopbackPorts: [SERVER_PORT] });
    expect(report.refused).toEqual([]);
    expect(report.networkSeen).toBe(2);
    expect(report.networkAllowed).toBe(2);
    expect(report.localOrConnected).toBe(4);
    expect(report.attempts.map((a) => a.verdict)).toEqual([
      'local',
      'local',
      'local',
      'allowed',
      'allowed',
      'connected-peer',
    ]);
  });

  it('refuses a web address, IPv6 too, even when strace split the call across lines', () => {
    const report = analyseStraceLog([LINES.server, LINES.web, LINES.web6Unfinished, LINES.resumed].join('\n'), {
      allowedLoopbackPorts: [SERVER_PORT],
    });
    expect(report.networkSeen).toBe(3);
    expect(report.networkAllowed).toBe(1);
    expect(report.refused.map((a) => [a.pid, a.syscall, a.address, a.port])).toEqual([
      [7936, 'connect', '93.184.216.34', 80],
      [7936, 'connect', '2001:db8::1', 443],
    ]);
    expect(report.refused[0]?.result).toBe('-1 ENETUNREACH (Network is unreachable)');
    expect(describeRefused(report.refused[0]!)).toMatch(
      /^pid 7936 connect → AF_INET 93\.184\.216\.34:80 \(not loopback/,
    );
  });

  it('refuses DNS on port 53 anywhere, loopback included, and inside sendmsg', () => {
    const report = analyseStraceLog([LINES.dnsUdp, LINES.dnsLoopback].join('\n'), {
      allowedLoopbackPorts: [SERVER_PORT, 53],
    });
    expect(report.refused.map((a) => [a.syscall, a.reason])).toEqual([
      ['sendmsg', 'DNS query (port 53)'],
      ['connect', 'DNS query (port 53)'],
    ]);
  });

  it('refuses another loopback port, and any loopback port when none is allowed (the CLI)', () => {
    expect(analyseStraceLog(LINES.otherLoopbackPort, { allowedLoopbackPorts: [SERVER_PORT] }).refused).toHaveLength(1);
    const cli = analyseStraceLog([LINES.nscd, LINES.server].join('\n'), { allowedLoopbackPorts: [] });
    expect(cli.refused.map((a) => a.reason)).toEqual([
      `loopback port ${SERVER_PORT} is not the server's (allowed: none)`,
    ]);
  });

  it("counts a UDP connect to Chromium's IPv6 probe address as a probe, but refuses it over TCP, without -yy, or as a datagram", () => {
    const probe =
      '24541 connect(19<UDPv6:[479760]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (Network is unreachable)';
    const viaTcp = probe.replace('UDPv6', 'TCPv6');
    const withoutProtocol = probe.replace('<UDPv6:[479760]>', '');
    const datagram =
      '24541 sendto(19<UDPv6:[479760]>, "x", 1, 0, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 1';
    const server = `24541 connect(20<TCP:[480763]>, {sa_family=AF_INET, sin_port=htons(${SERVER_PORT}), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress)`;
    const report = analyseStraceLog([probe, viaTcp, withoutProtocol, datagram, server].join('\n'), {
      allowedLoopbackPorts: [SERVER_PORT],
    });
    expect(report.routeProbes.map((a) => a.protocol)).toEqual(['UDPv6']);
    expect(report.refused.map((a) => [a.syscall, a.protocol])).toEqual([
      ['connect', 'TCPv6'],
      ['connect', null],
      ['sendto', 'UDPv6'],
    ]);
    expect(report.networkAllowed).toBe(1);
    expect(report.attempts.at(-1)?.protocol).toBe('TCP');
  });

  it('judges a send on a connected socket by the peer strace -yy names: the server passes, a web peer or the probe address fails', () => {
    const toServer = `31000 sendto(25<TCP:[127.0.0.1:43480->127.0.0.1:${SERVER_PORT}]>, "GET / HTTP/1.1\\r\\nHost: 127.0.0.1"..., 630, MSG_NOSIGNAL, NULL, 0) = 630`;
    const toWeb6 =
      '31000 sendto(26<TCPv6:[[2001:db8::2]:40000->[2606:4700::6810:84e5]:443]>, "\\26\\3\\1"..., 517, MSG_NOSIGNAL, NULL, 0) = 517';
    const toProbe =
      '31000 sendmsg(23<UDPv6:[[::]:5353->[2001:4860:4860::8888]:443]>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="x", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 1';
    const unix =
      '31000 sendmsg(12<UNIX-STREAM:[504->505]>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="CHILD_PING\\0", iov_len=11}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, MSG_NOSIGNAL) = 11';
    const report = analyseStraceLog([toServer, toWeb6, toProbe, unix].join('\n'), {
      allowedLoopbackPorts: [SERVER_PORT],
    });
    expect(report.attempts.map((a) => [a.verdict, a.address, a.port])).toEqual([
      ['allowed', '127.0.0.1', SERVER_PORT],
      ['refused', '2606:4700::6810:84e5', 443],
      ['refused', '2001:4860:4860::8888', 443],
      ['connected-peer', null, null],
    ]);
  });

  it('refuses an address family the app never needs', () => {
    const packet =
      '8300  sendto(9, "\\377\\377", 2, 0, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL), sll_ifindex=if_nametoindex("eth0")}, 20) = 2';
    const report = analyseStraceLog(packet, { allowedLoopbackPorts: [SERVER_PORT] });
    expect(report.refused.map((a) => a.family)).toEqual(['AF_PACKET']);
  });
});
