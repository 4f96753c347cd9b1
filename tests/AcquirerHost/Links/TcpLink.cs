using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AcquirerHost.Processing;
using AcquirerHost.Rules;
using Terminal.Core.Link;

namespace AcquirerHost.Links;

/// <summary>
/// The host's TCP side: accepts terminals and reads each connection through Core's <see cref="TcpFramer"/>
/// (2-byte big-endian length). Requests on one connection are processed in order; a late reply is sent
/// from a timer so the connection keeps reading meanwhile. With a certificate, each connection is TLS 1.2 first
/// (.NET's <see cref="SslStream"/>, no client certificate asked); a terminal that fails the handshake is logged and dropped.
/// </summary>
public sealed class TcpLink : IAsyncDisposable
{
    private const int MaxFrame = 4096;

    /// <summary>Longest a TLS handshake may take before the connection is dropped.</summary>
    public const int HandshakeTimeoutMs = 10_000;

    private readonly TcpListener _listener;
    private readonly MessageProcessor _processor;
    private readonly Action<string> _log;
    private X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = [];
    private readonly Lock _gate = new();
    private Task _accepting = Task.CompletedTask;

    /// <summary>
    /// Creates a listener on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port); with
    /// <paramref name="certificate"/> (and its private key) every connection is TLS.
    /// </summary>
    public TcpLink(IPAddress address, int port, MessageProcessor processor, Action<string> log, X509Certificate2? certificate = null)
    {
        _listener = new TcpListener(address, port);
        _processor = processor;
        _log = log;
        _certificate = certificate;
    }

    /// <summary>Whether connections are TLS.</summary>
    public bool Tls => _certificate != null;

    /// <summary>The certificate new connections are served with (tests swap it to make a reconnect meet another one).</summary>
    public X509Certificate2? Certificate
    {
        get => Volatile.Read(ref _certificate);
        set => Volatile.Write(ref _certificate, value);
    }

    /// <summary>The port listened on (after <see cref="Start"/>).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Starts accepting connections.</summary>
    public void Start()
    {
        _listener.Start();
        _accepting = AcceptAsync(_stop.Token);
    }

    /// <summary>Stops accepting, closes every connection and waits for requests in progress to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
        Task[] sessions;
        lock (_gate)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_gate)
            {
                _sessions.RemoveAll(t => t.IsCompleted);
                _sessions.Add(Task.Run(() => ServeAsync(client, ct), CancellationToken.None));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        string peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
        _log($"tcp: {peer} connected");
        var framer = new TcpFramer(MaxFrame, 5000);
        var writeLock = new SemaphoreSlim(1, 1);
        using var sessionStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pending = new List<Task>();
        try
        {
            using (client)
            {
                Stream? stream = await OpenStreamAsync(client, peer, sessionStop.Token).ConfigureAwait(false);
                if (stream == null)
                {
                    return;
                }

                await using var owned = stream;
                var buffer = new byte[4096];
                while (!sessionStop.IsCancellationRequested)
                {
                    int n = await stream.ReadAsync(buffer, sessionStop.Token).ConfigureAwait(false);
                    if (n == 0)
                    {
                        break;
                    }

                    int at = 0;
                    while (at < n)
                    {
                        at += framer.Feed(buffer, at, n - at, Environment.TickCount64);
                        if (!framer.FrameReady)
                        {
                            continue;
                        }

                        var reply = _processor.Process(framer.Frame, 0, framer.FrameLength);
                        framer.Release();
                        if (reply == null)
                        {
                            continue;
                        }

                        if (reply.Action == RuleAction.DropConnection)
                        {
                            _log($"tcp: dropping {peer} as the rule says");
                            return;
                        }

                        if (reply.Response == null)
                        {
                            continue;
                        }

                        if (reply.Action == RuleAction.Late)
                        {
                            pending.RemoveAll(t => t.IsCompleted);
                            pending.Add(SendLateAsync(stream, writeLock, reply, sessionStop.Token));
                            continue;
                        }

                        await SendAsync(stream, writeLock, reply.Response, sessionStop.Token).ConfigureAwait(false);
                        if (reply.Action == RuleAction.Duplicate)
                        {
                            await SendAsync(stream, writeLock, reply.Response, sessionStop.Token).ConfigureAwait(false);
                        }
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The terminal went away or the host is stopping; every committed write stays committed.
        }
        finally
        {
            await sessionStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pending).ConfigureAwait(false);
            writeLock.Dispose();
            _log($"tcp: {peer} closed");
        }
    }

    private async Task<Stream?> OpenStreamAsync(TcpClient client, string peer, CancellationToken ct)
    {
        NetworkStream plain = client.GetStream();
        X509Certificate2? certificate = Certificate;
        if (certificate == null)
        {
            return plain;
        }

        var tls = new SslStream(plain, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(HandshakeTimeoutMs);
        try
        {
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    EnabledSslProtocols = SslProtocols.Tls12,
                    ClientCertificateRequired = false,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                },
                timeout.Token).ConfigureAwait(false);
            _log($"tls: {peer} {tls.SslProtocol}, {tls.NegotiatedCipherSuite}");
            return tls;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            _log($"tls: handshake with {peer} failed: {(e is OperationCanceledException ? "timed out" : e.Message)}");
            await tls.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    private async Task SendLateAsync(Stream stream, SemaphoreSlim writeLock, HostReply reply, CancellationToken ct)
    {
        try
        {
            await Task.Delay(reply.DelayMs, ct).ConfigureAwait(false);
            await SendAsync(stream, writeLock, reply.Response!, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Connection gone before the late answer was due: it is simply never delivered.
        }
    }

    private static async Task SendAsync(Stream stream, SemaphoreSlim writeLock, byte[] response, CancellationToken ct)
    {
        var frame = new byte[response.Length + TcpFramer.PrefixLength];
        TcpFramer.WritePrefix(frame, 0, response.Length);
        response.CopyTo(frame, TcpFramer.PrefixLength);
        await writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(frame, ct).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }
}
