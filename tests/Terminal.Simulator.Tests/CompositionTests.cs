using System.Text.RegularExpressions;
using Terminal.Core.App;
using Terminal.Core.Host;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Runtime;
using Terminal.Core.Update;
using Terminal.Drivers.Crypto;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Display;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Random;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.Board;
using Xunit;

namespace Terminal.Simulator.Tests;

/// <summary>
/// One product: the terminal is put together in one place, TerminalFirmware.Compose, which the device, the simulated
/// board (and so `terminal run`, the demo and every rig), the campaign and the bench all call.
/// </summary>
public sealed partial class CompositionTests
{
    [Fact]
    public void The_simulated_board_boots_through_the_composition_root_and_sends_the_CUP_TPDU_and_header()
    {
        var sent = new List<byte[]>();
        InProcessHost? host = null;
        var options = new SimulatedBoardOptions
        {
            HostLink = clock =>
            {
                host = new InProcessHost(clock, ProvisioningFile.Demo, 1);
                return new RecordingLink(host.Link, sent);
            },
        };
        using var board = new SimulatedBoard(options);
        try
        {
            board.Boot();
            board.RunUntilIdle();

            Assert.Same(board.Loop, board.Firmware.Loop);
            Assert.Same(board.Payments, board.Firmware.App);
            Assert.True(board.Payments.Engine.SignedIn, board.Payments.LastMessage);
            Assert.NotEmpty(sent);
            byte[] preamble = FactoryDefaults.CupPreamble();
            Assert.All(sent, m => Assert.Equal(preamble, m[..preamble.Length]));
            Assert.Equal("6000030000603100311003", Convert.ToHexString(preamble));
        }
        finally
        {
            host?.Dispose();
        }
    }

    [Fact]
    public void Compose_asks_a_board_for_its_parts_in_one_order_and_the_terminal_boots_on_them()
    {
        var board = new RecordingBoard();

        TerminalFirmware firmware = TerminalFirmware.Compose(board, new FirmwareSettings());
        firmware.Boot();
        firmware.Loop.RunUntil(firmware.Clock.NowMs + 2000);

        Assert.Equal(["Clock", "StartDevices", "JournalFlash", "JournalSectors", "OpenHostLink", "KeyStore"], board.Asked.Take(6));
        Assert.False(firmware.Store.Provisioned);
        Assert.Contains("Merchant ID", board.Panel.FrameText(), StringComparison.Ordinal); // a new terminal boots into set-up
        Assert.Null(firmware.Updates); // this board has no update slots
    }

    [Fact]
    public void No_product_code_but_the_composition_root_wires_the_terminal()
    {
        // The constructors that make a terminal: only Terminal.Firmware calls them (training mode builds its own
        // engine on its RAM batch inside the cashier's screens).
        string root = RepoPaths.Root;
        var offenders = new List<string>();
        foreach (string top in new[] { "firmware", "drivers" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, top), "*.cs", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file);
                // The fuzz targets put one parser in its surroundings per input (a store over a damaged journal, the
                // engine that loads a damaged key store's MAC key), never a terminal.
                if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal)
                    || relative.StartsWith("firmware/Terminal.Firmware/", StringComparison.Ordinal)
                    || relative.StartsWith("firmware/Terminal.Simulator/Fuzz/", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match m in Wiring().Matches(File.ReadAllText(file)))
                {
                    if (!(relative.EndsWith("Training/TrainingMode.cs", StringComparison.Ordinal) && m.Groups[1].Value is "PaymentEngine" or "PaymentStore"))
                    {
                        offenders.Add(relative + ": new " + m.Groups[1].Value);
                    }
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData("firmware/Terminal.Device/Program.cs")]
    [InlineData("firmware/Terminal.Simulator/Board/SimulatedBoard.cs")]
    [InlineData("firmware/Terminal.Simulator/Campaign/CampaignBoard.cs")]
    [InlineData("firmware/Terminal.Simulator/Bench/PaymentBench.cs")]
    public void Every_board_calls_the_composition_root(string file)
    {
        Assert.Contains("TerminalFirmware.Compose(", File.ReadAllText(Path.Combine(RepoPaths.Root, file)), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"new (TerminalApp|PaymentEngine|PaymentStore|SelfTestRun|UpdateFlow|DebugConsole)\(")]
    private static partial Regex Wiring();

    /// <summary>Passes everything through and keeps a copy of each message sent.</summary>
    private sealed class RecordingLink(IHostTransport inner, List<byte[]> sent) : IHostTransport
    {
        public int FrameLength => inner.FrameLength;

        public byte[] Frame => inner.Frame;

        public bool Failed => inner.Failed;

        public string Problem => inner.Problem;

        public LinkFailure Failure => inner.Failure;

        public bool Send(byte[] message, int offset, int count, long nowMs)
        {
            sent.Add(message[offset..(offset + count)]);
            return inner.Send(message, offset, count, nowMs);
        }

        public void Release() => inner.Release();

        public void Reset() => inner.Reset();

        public long Poll(long nowMs) => inner.Poll(nowMs);
    }

    /// <summary>A board of simple parts that notes what the composition root asks for, in order.</summary>
    private sealed class RecordingBoard : ITerminalBoard
    {
        private readonly VirtualClock _clock = new(new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local));
        private readonly SimulatedFlash _flash = new(9, 4096, 256);
        private readonly MemoryKeyStore _keys = new();

        public List<string> Asked { get; } = [];

        public TextPanel Panel { get; } = new(30, 20);

        public IClock Clock => Note(_clock);

        public IDisplay Display => Panel;

        public ICrypto Crypto { get; } = new SoftwareCrypto();

        public IBlockStorage JournalFlash => Note(_flash);

        public int JournalSectors => Note(8);

        public IKeyStore KeyStore => Note(_keys);

        public IWireTraceSink? WireTrace => null;

        public ISerialPort? DebugPort => null;

        public UpdateSlots? FirmwareSlots => null;

        public IKeyStore? UpdateSigningKey => null;

        /// <inheritdoc />
        public Terminal.Firmware.IProvisioningDrop? ProvisioningDrop => null;

        public TerminalDevices StartDevices(EventLoop loop)
        {
            Asked.Add(nameof(StartDevices));
            return new TerminalDevices { Random = new SeededRandom(7) };
        }

        public IHostTransport OpenHostLink()
        {
            Asked.Add(nameof(OpenHostLink));
            return new RecordingLink(new NoHost(), []);
        }

        private T Note<T>(T part, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
        {
            if (Asked.Count == 0 || Asked[^1] != name)
            {
                Asked.Add(name);
            }

            return part;
        }
    }

    /// <summary>A link to nowhere: nothing is sent, nothing arrives.</summary>
    private sealed class NoHost : IHostTransport
    {
        public int FrameLength => 0;

        public byte[] Frame => [];

        public bool Failed => true;

        public string Problem => "no host";

        public LinkFailure Failure => LinkFailure.Unreachable;

        public bool Send(byte[] message, int offset, int count, long nowMs) => false;

        public void Release()
        {
        }

        public void Reset()
        {
        }

        public long Poll(long nowMs) => Deadline.Never;
    }
}
