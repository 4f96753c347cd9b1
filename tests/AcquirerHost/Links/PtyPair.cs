using System.Diagnostics;

namespace AcquirerHost.Links;

/// <summary>
/// Two linked pseudo-terminals made by socat (scripts/setup.sh installs it): bytes written to one end come
/// out of the other, like a null-modem cable. A missing socat fails the test with a message saying so.
/// </summary>
public sealed class PtyPair : IDisposable
{
    private readonly Process _socat;

    /// <summary>Starts socat and waits until both ends exist.</summary>
    public PtyPair()
    {
        string dir = Directory.CreateTempSubdirectory("pty-").FullName;
        HostEnd = Path.Combine(dir, "host");
        TerminalEnd = Path.Combine(dir, "terminal");
        var start = new ProcessStartInfo("socat")
        {
            ArgumentList = { "-d", "-d", $"pty,raw,echo=0,link={HostEnd}", $"pty,raw,echo=0,link={TerminalEnd}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        try
        {
            _socat = Process.Start(start) ?? throw new InvalidOperationException("socat did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("socat is not installed: run scripts/setup.sh (it installs socat for the serial link tests)", e);
        }

        _socat.ErrorDataReceived += (_, _) => { };
        _socat.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(HostEnd) && File.Exists(TerminalEnd)))
        {
            if (_socat.HasExited || clock.ElapsedMilliseconds > 5000)
            {
                Dispose();
                throw new InvalidOperationException("socat did not create the pty pair");
            }

            Thread.Sleep(10);
        }
    }

    /// <summary>The end the host opens.</summary>
    public string HostEnd { get; }

    /// <summary>The end the terminal opens.</summary>
    public string TerminalEnd { get; }

    /// <summary>Stops socat (the pair disappears with it).</summary>
    public void Dispose()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit(2000);
        }

        _socat.Dispose();
    }
}
