using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Hal;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Core.Training
{
    /// <summary>
    /// Everything a training session runs on, apart from the real terminal's: a batch journaled in RAM
    /// (gone at power-off, never in the real journal or totals), a key store with throw-away keys, and a
    /// session whose only transport is the <see cref="TrainingHost"/> inside the terminal, so nothing
    /// reaches the real host. Built on first use; <see cref="Start"/> gives a fresh empty batch each time.
    /// </summary>
    public sealed class TrainingMode
    {
        /// <summary>
        /// Sectors of the RAM journal: 16 KB in all, room for about 80 training transactions and their
        /// settlement. Allocated while training is on and dropped when it ends.
        /// </summary>
        public const int Sectors = 16;

        /// <summary>Bytes per RAM journal sector.</summary>
        public const int SectorSize = 1024;

        private const int MaxMessage = 1024;
        private RamFlash? _flash;
        // The training keys: the device's key-store format over two small sectors of RAM, so nothing is kept at power-off.
        private readonly Security.FlashKeyStore _keys = new Security.FlashKeyStore(new RamFlash(256, 2, 256), 0);
        private readonly byte[] _key = new byte[16];
        private readonly TrainingHost _host;
        private readonly HostSession _session;
        private readonly ICrypto _crypto;
        private readonly IClock _clock;
        private readonly IRandomSource _random;
        private PaymentEngine? _engine;

        /// <summary>Creates the training host and session and puts the session on the loop.</summary>
        public TrainingMode(EventLoop loop, Iso8583Profile profile, ICrypto crypto, IRandomSource random)
        {
            _crypto = crypto;
            _clock = loop.Clock;
            _random = random;
            _host = new TrainingHost(profile, crypto, _clock, MaxMessage);
            _session = new HostSession(profile, _host, crypto, _clock, null, MaxMessage);
            loop.AddPolled(_session);
        }

        /// <summary>The training engine (null until started).</summary>
        public PaymentEngine? Engine => _engine;

        /// <summary>The training host, for tests and the demo's summary.</summary>
        public TrainingHost Host => _host;

        /// <summary>
        /// Starts a fresh training batch for the terminal <paramref name="live"/> names (same TID and MID, so
        /// the screens and receipts look as for real), with new random keys. False with a reason when the RAM
        /// journal refuses the set-up (it cannot, short of a bug).
        /// </summary>
        public bool Start(TerminalIdentity live, int batch, int operatorNumber, out string problem)
        {
            Stop();
            _flash = new RamFlash(SectorSize, Sectors, 256);
            var journal = new JournalLog(_flash, 0, Sectors, SectorSize / 2);
            journal.Mount();
            var store = new PaymentStore(journal);
            store.Load();
            if (!store.Provision(live.TerminalId, live.MerchantId) || !store.SetBatch(batch) || !store.SetOperator(operatorNumber))
            {
                problem = store.Problem;
                return false;
            }

            NewKey(KeySlot.Mak);
            _host.SetMak(_key, 0, _key.Length);
            NewKey(KeySlot.Pik);
            NewKey(KeySlot.Tdk); // tracks go encrypted as for real; the training host never reads them
            Security.Wipe.Bytes(_key, 0, _key.Length);
            _engine = new PaymentEngine(_session, store, _keys, _crypto, _clock);
            problem = string.Empty;
            return true;
        }

        /// <summary>Ends training: keys wiped, the training batch and the host's totals forgotten.</summary>
        public void Stop()
        {
            _session.Abandon();
            _session.ClearMak();
            _host.Clear();
            _keys.Erase(KeySlot.Mak);
            _keys.Erase(KeySlot.Pik);
            _keys.Erase(KeySlot.Tdk);
            _flash = null; // the training batch is thrown away with its RAM
            _engine = null;
        }

        private void NewKey(int slot)
        {
            _random.NextBytes(_key, 0, _key.Length);
            _keys.Store(slot, _key, 0, _key.Length);
        }
    }
}
