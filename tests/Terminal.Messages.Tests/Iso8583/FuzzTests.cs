using Terminal.Core.Link;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.WireTrace;
using Terminal.Messages.Tests.Link;
using Xunit;

namespace Terminal.Messages.Tests.Iso8583;

/// <summary>Random and mutated bytes never throw (an out-of-range read would) from the unpacker, the trace or the framers.</summary>
public class FuzzTests
{
    private static byte[] Mutate(byte[] valid, Random rnd)
    {
        byte[] b = (byte[])valid.Clone();
        switch (rnd.Next(4))
        {
            case 0:
                b[rnd.Next(b.Length)] = (byte)rnd.Next(256);
                break;
            case 1:
                b[rnd.Next(b.Length)] ^= (byte)(1 << rnd.Next(8));
                break;
            case 2:
                return b[..rnd.Next(b.Length)];
            default:
                return [.. b, .. Enumerable.Range(0, rnd.Next(1, 8)).Select(_ => (byte)rnd.Next(256))];
        }

        return b;
    }

    [Theory]
    [InlineData("cup", 1)]
    [InlineData("ascii87", 2)]
    public void Random_and_mutated_messages_never_throw_and_what_unpacks_repacks(string profileName, int seed)
    {
        Iso8583Profile profile = profileName == "cup" ? CupProfile.Create() : Ascii87Profile.Create();
        var codec = new Iso8583Codec(profile);
        var rnd = new Random(seed);
        var message = new Iso8583Message(profile);
        var tracer = new WireTracer(profile, new NullSink(), 65536);
        var buffer = new byte[65536];
        var masked = new byte[65536];
        int unpacked = 0;
        for (int i = 0; i < 10_000; i++)
        {
            byte[] input;
            if (i % 4 == 0)
            {
                input = new byte[rnd.Next(0, 64)];
                rnd.NextBytes(input);
            }
            else
            {
                var (valid, _) = RandomMessages.Create(profile, rnd, 48);
                int n = codec.Pack(valid, buffer, 0);
                input = Mutate(buffer[..n], rnd);
            }

            var error = codec.Unpack(message, input, 0, input.Length);
            tracer.Mask(input, 0, input.Length, masked, 0);
            if (error.IsError)
            {
                Assert.InRange(error.Offset, 0, input.Length);
                continue;
            }

            unpacked++;
            for (int f = message.NextField(1); f > 0; f = message.NextField(f))
            {
                Assert.NotNull(message.GetString(f));
            }

            Assert.True(codec.Pack(message, buffer, 0) > 0, message.LastError.Message);
        }

        Assert.True(unpacked > 500); // the mutations left enough valid messages to exercise the repack check
    }

    [Fact]
    public void Random_bytes_in_random_chunks_never_throw_from_either_framer()
    {
        var rnd = new Random(3);
        var tcp = new TcpFramer(512, 200);
        var serial = new SerialFramer(new RecordingWriter(), 512, 1000, 200);
        long now = 0;
        var data = new byte[256];
        for (int i = 0; i < 10_000; i++)
        {
            int n = rnd.Next(1, data.Length);
            rnd.NextBytes(data);
            if (rnd.Next(4) == 0)
            {
                data[0] = SerialFramer.Stx; // start frames often enough to reach the deeper states
                data[1] = 0x00;
                data[2] = (byte)rnd.Next(0x10);
            }

            now += rnd.Next(0, 300);
            Drain(tcp, data, n, now);
            Drain(serial, data, n, now);
            tcp.Poll(now);
            serial.Poll(now);
            if (rnd.Next(10) == 0)
            {
                serial.ClearSendOutcome();
                serial.Send(data, 0, rnd.Next(1, 600), now);
            }
        }
    }

    private static void Drain(TcpFramer framer, byte[] data, int count, long now)
    {
        int used = 0;
        while (used < count)
        {
            int n = framer.Feed(data, used, count - used, now);
            Assert.InRange(n, 0, count - used);
            if (framer.FrameReady)
            {
                Assert.InRange(framer.FrameLength, 1, framer.Frame.Length);
                framer.Release();
            }

            used += n;
        }
    }

    private static void Drain(SerialFramer framer, byte[] data, int count, long now)
    {
        int used = 0;
        while (used < count)
        {
            int n = framer.Feed(data, used, count - used, now);
            Assert.InRange(n, 0, count - used);
            if (framer.FrameReady)
            {
                Assert.InRange(framer.FrameLength, 1, framer.Frame.Length);
                framer.Release();
            }

            used += n;
        }
    }

    private sealed class NullSink : IWireTraceSink
    {
        public void WriteLine(string line)
        {
        }
    }
}
