using System.Text;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Tests.Payments;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Flows;

/// <summary>
/// One flow alone: a provisioned store on simulated flash, a host session signed in over <see cref="ScriptedHost"/>
/// (a fake host link that answers as each test says), a virtual clock, and an observer that records the outcome.
/// No board, no engine, no TCP.
/// </summary>
internal sealed class FlowRig
{
    public const string Track2 = "4761739001010010=28121011234567890";
    public const string FullPan = "4761739001010010";

    public FlowRig()
    {
        Session = new HostSession(CupProfile.Create(), Host, new HostCrypto(), Clock, null, 2048);
        Session.SetPreamble(ScriptedHost.Preamble, 0);
        Session.SetMak(ScriptedHost.Mak, 0, ScriptedHost.Mak.Length);
    }

    public VirtualClock Clock { get; } = new(new DateTime(2026, 11, 25, 10, 15, 0, DateTimeKind.Local));

    public ScriptedHost Host { get; } = new();

    public StoreRig Rig { get; } = StoreRig.Provisioned();

    public PaymentStore Store => Rig.Store;

    public HostSession Session { get; }

    public Recorder Observer { get; } = new();

    /// <summary>What the terminal sent, from the <paramref name="from"/>th request on.</summary>
    public List<Iso8583Message> Sent(int from = 0) => Host.Requests.Skip(from).ToList();

    /// <summary>Starts the flow and polls the session on virtual time until the flow reports; returns its result.</summary>
    public int Run(IPaymentFlow flow)
    {
        int done = Observer.Done;
        flow.Start(Observer);
        return Wait(done);
    }

    /// <summary>Polls until the observer has heard <paramref name="done"/> + 1 outcomes.</summary>
    public int Wait(int done)
    {
        PollUntil(Session, Clock, () => Observer.Done != done, "the flow never finished");
        return Observer.Result;
    }

    /// <summary>
    /// Polls <paramref name="session"/> on virtual time, jumping the clock to each next deadline, until
    /// <paramref name="finished"/>; fails saying <paramref name="what"/> when nothing is left to wait for.
    /// </summary>
    public static void PollUntil(HostSession session, VirtualClock clock, Func<bool> finished, string what)
    {
        for (int step = 0; step < 100_000 && !finished(); step++)
        {
            long next = session.Poll(clock.NowMs);
            if (finished())
            {
                break;
            }

            Assert.NotEqual(Deadline.Never, next);
            clock.AdvanceTo(Math.Max(next, clock.NowMs + 1));
        }

        Assert.True(finished(), what);
    }

    /// <summary>Fills the card data a sale sends: track 2 and the PAN.</summary>
    public static void Swipe(CardData card)
    {
        card.Track2Length = Encoding.ASCII.GetBytes(Track2, 0, Track2.Length, card.Track2, 0);
        card.PanLength = Encoding.ASCII.GetBytes(FullPan, 0, FullPan.Length, card.Pan, 0);
    }

    /// <summary>A 0510's F48: the request's totals with the host's result digit (1 balanced, 2 not).</summary>
    public static string SettleAnswer(Iso8583Message request, char result)
    {
        string f48 = request.GetString(Field.AdditionalData) ?? new string('0', 62);
        return f48[..30] + result + f48[31..];
    }

    /// <summary>Records what a flow reports.</summary>
    internal sealed class Recorder : IPaymentObserver
    {
        public int Done { get; private set; }

        public int Result { get; private set; }

        public string Message { get; private set; } = string.Empty;

        public TxnEntry? Entry { get; private set; }

        public List<string> Progress { get; } = [];

        public void OnProgress(string text) => Progress.Add(text);

        public void OnPaymentDone(int result, string message, TxnEntry? entry)
        {
            Done++;
            Result = result;
            Message = message;
            Entry = entry;
        }
    }
}
