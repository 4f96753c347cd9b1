using System.Diagnostics;
using System.Globalization;
using AcquirerHost.Store;
using AcquirerHost.Tests.Support;

namespace AcquirerHost.Tests;

public sealed class ProcessTests
{
    [Fact]
    public void SIGTERM_stops_the_host_with_exit_code_0_keeping_what_it_acknowledged()
    {
        string dir = Directory.CreateTempSubdirectory("acquirer-").FullName;
        string db = Path.Combine(dir, "host.db");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "AcquirerHost.dll"), "--tcp", "0", "--db", db, "--log", Path.Combine(dir, "host.log"),
                "--terminal", $"{HostFixture.Tid}:{HostFixture.Mid}:{Convert.ToHexString(HostFixture.Tmk)}",
            },
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var host = Process.Start(start)!;
        string rrn;
        try
        {
            string line = host.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the host printed nothing");
            int port = int.Parse(line.Split(' ')[3].TrimEnd(','), CultureInfo.InvariantCulture);
            using var t = new TestTerminal(new TcpTransport(port), AcquirerHostServer.ProfileByName("cup"), HostFixture.Tid, HostFixture.Mid, HostFixture.Tmk);
            t.SignIn();
            rrn = t.Exchange(t.Sale(6100))!.GetString(Field.Rrn)!;
        }
        finally
        {
            using var kill = Process.Start("kill", ["-TERM", host.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        Assert.True(host.WaitForExit(10_000), "the host did not stop on SIGTERM");
        Assert.Equal(0, host.ExitCode);
        using var store = new AcquirerStore(db);
        var sale = Assert.Single(store.Authorizations(HostFixture.Tid));
        Assert.Equal((rrn, 6100L), (sale.Rrn, sale.Amount));
        Assert.Contains("host stopped", File.ReadAllText(Path.Combine(dir, "host.log")), StringComparison.Ordinal);
    }
}
