using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Terminal.Hal;

namespace Terminal.Simulator.PcAdapters;

/// <summary>
/// The host link of the PC board over TLS 1.2 (.NET's <see cref="SslStream"/>) behind the non-blocking
/// <see cref="INetworkStream"/>, as the device's adapter does it with nanoFramework's SslStream. The CA is pinned:
/// only a host certificate chaining to <see cref="Authority"/> is trusted (never the machine's store), its name must
/// be the host connected to (or <c>hostName</c>), and it must be valid now; a refusal says which in
/// <see cref="Failure"/>. Connect and the handshake run on the thread pool, so the loop only sees State go from
/// Connecting to Open or Failed; a pump task reads decrypted bytes into a buffer that Read takes from without waiting.
/// </summary>
public sealed class TlsNetworkStream : INetworkStream
{
    /// <summary>Longest the handshake may take (a host that does not speak TLS never answers the ClientHello).</summary>
    public const int HandshakeTimeoutMs = 3000;

    private readonly X509Certificate2 _authority;
    private readonly string? _hostName;
    private readonly object _gate = new(); // a monitor: the pump waits on it for room in the buffer
    private readonly byte[] _received = new byte[8192];
    private int _receivedHave;
    private int _receivedUsed;
    private LinkState _state = LinkState.Closed;
    private LinkFailure _failure;
    private LinkFailure _refusal;
    private int _attempt;
    private Socket? _socket;
    private SslStream? _tls;
    private CancellationTokenSource? _stop;

    /// <summary>A link that trusts only <paramref name="authority"/> and checks the certificate names <paramref name="hostName"/> (the host connected to when null).</summary>
    public TlsNetworkStream(X509Certificate2 authority, string? hostName = null)
    {
        _authority = authority;
        _hostName = hostName;
    }

    /// <summary>The pinned CA certificate.</summary>
    public X509Certificate2 Authority => _authority;

    /// <summary>The protocol and cipher suite of the open connection, for the console; empty when not open.</summary>
    public string Negotiated { get; private set; } = string.Empty;

    /// <inheritdoc />
    public LinkState State
    {
        get
        {
            lock (_gate)
            {
                // Bytes already received are still read after the host closed.
                return _state == LinkState.Closed && _receivedUsed < _receivedHave ? LinkState.Open : _state;
            }
        }
    }

    /// <inheritdoc />
    public LinkFailure Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <inheritdoc />
    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _receivedHave - _receivedUsed;
            }
        }
    }

    /// <inheritdoc />
    public void Connect(string host, int port)
    {
        int attempt;
        CancellationTokenSource stop;
        lock (_gate)
        {
            CloseLocked();
            _receivedHave = 0;
            _receivedUsed = 0;
            attempt = ++_attempt;
            _state = LinkState.Connecting;
            _failure = LinkFailure.None;
            _refusal = LinkFailure.None;
            stop = _stop = new CancellationTokenSource();
        }

        _ = Task.Run(() => ConnectAsync(attempt, host, port, stop.Token));
    }

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            int n = Math.Min(count, _receivedHave - _receivedUsed);
            if (n <= 0)
            {
                return 0;
            }

            Array.Copy(_received, _receivedUsed, buffer, offset, n);
            _receivedUsed += n;
            if (_receivedUsed == _receivedHave)
            {
                _receivedUsed = 0;
                _receivedHave = 0;
                Monitor.PulseAll(_gate);
            }

            return n;
        }
    }

    /// <inheritdoc />
    public bool Write(byte[] buffer, int offset, int count)
    {
        SslStream? tls;
        lock (_gate)
        {
            tls = _state == LinkState.Open ? _tls : null;
        }

        if (tls == null)
        {
            return false;
        }

        try
        {
            // One small frame: it goes into the socket's buffer at once, as a plain socket send does.
            tls.Write(buffer, offset, count);
            tls.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
            Lost(tls);
            return false;
        }
    }

    /// <inheritdoc />
    public void Close()
    {
        lock (_gate)
        {
            _attempt++;
            CloseLocked();
            _receivedHave = 0;
            _receivedUsed = 0;
            _state = LinkState.Closed;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Close();

    private async Task ConnectAsync(int attempt, string host, int port, CancellationToken stop)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        SslStream? tls = null;
        LinkFailure failure = LinkFailure.Unreachable;
        try
        {
            await socket.ConnectAsync(host, port, stop).ConfigureAwait(false);
            failure = LinkFailure.HandshakeFailed;
            tls = new SslStream(new NetworkStream(socket, ownsSocket: true), false, Validate);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(HandshakeTimeoutMs);
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = _hostName ?? host,
                    EnabledSslProtocols = SslProtocols.Tls12,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                },
                timeout.Token).ConfigureAwait(false);
            lock (_gate)
            {
                if (attempt == _attempt)
                {
                    _socket = socket;
                    _tls = tls;
                    _state = LinkState.Open;
                    Negotiated = tls.SslProtocol + " " + tls.NegotiatedCipherSuite;
                    SslStream open = tls;
                    CancellationToken pumpStop = _stop!.Token;
                    _ = Task.Run(() => PumpAsync(open, pumpStop), CancellationToken.None);
                    tls = null;
                    socket = null!;
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            lock (_gate)
            {
                if (attempt == _attempt)
                {
                    _state = LinkState.Failed;
                    _failure = _refusal != LinkFailure.None ? _refusal : failure;
                }
            }
        }
        finally
        {
            // A failed attempt, or one overtaken by Close or a newer Connect, leaves nothing open.
            tls?.Dispose();
            socket?.Dispose();
        }
    }

    private async Task PumpAsync(SslStream tls, CancellationToken stop)
    {
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                int n = await tls.ReadAsync(chunk, stop).ConfigureAwait(false);
                lock (_gate)
                {
                    if (_tls != tls)
                    {
                        return;
                    }

                    if (n == 0)
                    {
                        // The host closed: what arrived before is still read (State stays Open until it is).
                        CloseLocked();
                        _state = LinkState.Closed;
                        _failure = LinkFailure.Lost;
                        return;
                    }

                    // The loop drains the buffer every few milliseconds; a host that floods it waits here.
                    while (_receivedHave + n > _received.Length && _tls == tls)
                    {
                        Monitor.Wait(_gate, 50);
                    }

                    Array.Copy(chunk, 0, _received, _receivedHave, n);
                    _receivedHave += n;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            Lost(tls);
        }
    }

    private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        LinkFailure refusal = Refusal(certificate, chain, errors);
        lock (_gate)
        {
            _refusal = refusal;
        }

        return refusal == LinkFailure.None;
    }

    private LinkFailure Refusal(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 host || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return LinkFailure.CertificateRefused;
        }

        // The chain .NET built trusts the machine's store; ours trusts the pinned CA and nothing else.
        using var pinned = new X509Chain();
        pinned.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        pinned.ChainPolicy.CustomTrustStore.Add(_authority);
        pinned.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain != null)
        {
            foreach (X509ChainElement element in chain.ChainElements)
            {
                pinned.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (!pinned.Build(host))
        {
            X509ChainStatusFlags flags = X509ChainStatusFlags.NoError;
            foreach (X509ChainStatus status in pinned.ChainStatus)
            {
                flags |= status.Status;
            }

            if ((flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.NotSignatureValid)) != 0)
            {
                return LinkFailure.CertificateUnknownCa;
            }

            return (flags & X509ChainStatusFlags.NotTimeValid) != 0 ? LinkFailure.CertificateExpired : LinkFailure.CertificateRefused;
        }

        return (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 ? LinkFailure.CertificateWrongHost : LinkFailure.None;
    }

    private void Lost(SslStream tls)
    {
        lock (_gate)
        {
            if (_tls == tls)
            {
                CloseLocked();
                _state = LinkState.Failed;
                _failure = LinkFailure.Lost;
            }
        }
    }

    private void CloseLocked()
    {
        _stop?.Cancel();
        _stop?.Dispose();
        _stop = null;
        _tls?.Dispose();
        _tls = null;
        _socket = null;
        Negotiated = string.Empty;
        Monitor.PulseAll(_gate);
    }
}
