using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Terminal.Core.Link;

namespace AcquirerHost.Tests.Support;

/// <summary>
/// A loopback TCP connection to the host, plain or TLS 1.2 (trusting only the CA given), framed by Core's
/// <see cref="TcpFramer"/>.
/// </summary>
public sealed class TcpTransport : ITerminalTransport
{
    private readonly TcpClient _client;
    private readonly Stream _stream;
    private readonly TcpFramer _framer = new(4096, 5000);
    private readonly byte[] _buffer = new byte[4096];
    private Task<int>? _pendingRead;
    private int _have;
    private int _used;

    /// <summary>
    /// Connects to the host on loopback; with <paramref name="authority"/> shakes hands over TLS 1.2, the host's
    /// certificate chaining to it and naming <paramref name="hostName"/> (throws <see cref="AuthenticationException"/> when not).
    /// </summary>
    public TcpTransport(int port, X509Certificate2? authority = null, string hostName = "127.0.0.1")
    {
        _client = new TcpClient();
        _client.Connect(IPAddress.Loopback, port);
        if (authority == null)
        {
            _stream = _client.GetStream();
            return;
        }

        var tls = new SslStream(_client.GetStream(), false, (_, certificate, _, errors) => Trusted(authority, certificate, errors));
        _stream = tls;
        tls.AuthenticateAsClient(new SslClientAuthenticationOptions
        {
            TargetHost = hostName,
            EnabledSslProtocols = SslProtocols.Tls12,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        });
    }

    /// <summary>The negotiated TLS protocol; None over plain TCP.</summary>
    public SslProtocols Protocol => _stream is SslStream tls ? tls.SslProtocol : SslProtocols.None;

    /// <inheritdoc />
    public void Send(byte[] message)
    {
        var frame = new byte[message.Length + TcpFramer.PrefixLength];
        TcpFramer.WritePrefix(frame, 0, message.Length);
        message.CopyTo(frame, TcpFramer.PrefixLength);
        _stream.Write(frame);
    }

    /// <inheritdoc />
    public byte[]? Receive(int timeoutMs)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            while (_used < _have)
            {
                _used += _framer.Feed(_buffer, _used, _have - _used, Environment.TickCount64);
                if (_framer.FrameReady)
                {
                    byte[] message = _framer.Frame[.._framer.FrameLength];
                    _framer.Release();
                    return message;
                }
            }

            long left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return null;
            }

            // A read is kept across calls rather than timed out (a timed-out read breaks an SslStream).
            _pendingRead ??= _stream.ReadAsync(_buffer, 0, _buffer.Length);
            if (!_pendingRead.Wait(TimeSpan.FromMilliseconds(Math.Max(1, left))))
            {
                return null;
            }

            try
            {
                _have = _pendingRead.GetAwaiter().GetResult();
            }
            catch (IOException e)
            {
                throw new EndOfStreamException("the host closed the connection", e);
            }
            finally
            {
                _pendingRead = null;
            }

            _used = 0;
            if (_have == 0)
            {
                throw new EndOfStreamException("the host closed the connection");
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    private static bool Trusted(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 host || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(host);
    }
}
