using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.WireTrace;
using Terminal.Simulator.Board;
using Xunit;
using static Terminal.Messages.Tests.Iso8583.CupSamples;

namespace Terminal.Messages.Tests.WireTrace;

public class WireLogFileTests
{
    [Fact]
    public void A_run_writes_its_own_wire_log_the_legend_then_the_lines_without_the_full_PAN()
    {
        string path = Path.Combine(Path.GetTempPath(), $"wire-{Guid.NewGuid():N}.log");
        try
        {
            var m = NewMessage(200);
            m.Set(Field.Pan, Pan);
            m.SetNumber(Field.Stan, 1);
            var buffer = new byte[128];
            int n = Codec.Pack(m, buffer, 0);
            using (var log = new WireLogFile(path))
            {
                var tracer = new WireTracer(Profile, log, 1024);
                tracer.Record(WireDirection.Outbound, 1_000, buffer, 0, n);
                tracer.Record(WireDirection.Inbound, 2_000, buffer, 0, n);
            }

            File.AppendAllText(path, "a previous run's line\n");
            using (var log = new WireLogFile(path))
            {
                var tracer = new WireTracer(Profile, log, 1024);
                tracer.Record(WireDirection.Outbound, 1_000, buffer, 0, n);
                tracer.Record(WireDirection.Inbound, 2_000, buffer, 0, n);
            }

            string[] all = File.ReadAllLines(path);
            Assert.Equal(WireLogFile.Legend, all[..WireLogFile.Legend.Length]);
            string[] lines = all[WireLogFile.Legend.Length..];
            Assert.Equal(2, lines.Length);
            Assert.Contains(" TX ", lines[0], StringComparison.Ordinal);
            Assert.Contains(" RX ", lines[1], StringComparison.Ordinal);
            Assert.All(lines, l => Assert.DoesNotContain(Pan, l, StringComparison.Ordinal));
            Assert.All(lines, l => Assert.Contains("6225880000006789", l, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
