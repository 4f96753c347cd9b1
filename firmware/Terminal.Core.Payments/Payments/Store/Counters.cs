using Terminal.Core.Host;

namespace Terminal.Core.Payments.Store
{
    /// <summary>
    /// Who the terminal is and its numbers: the identity (TID, MID), the STANs reserved on flash, the open batch, the
    /// next invoice and the operator. Records: Provision, StanReserve, Batch, Operator; a request moves the invoice and
    /// the reservation; its part of the snapshot.
    /// </summary>
    internal sealed class Counters
    {
        /// <summary>Provision (0x01).</summary>
        public readonly ProvisionRecord ProvisionRecord = new ProvisionRecord();

        /// <summary>StanReserve (0x02).</summary>
        public readonly CounterRecord StanReserveRecord = new CounterRecord(PaymentRecord.StanReserve);

        /// <summary>Batch (0x03).</summary>
        public readonly CounterRecord BatchRecord = new CounterRecord(PaymentRecord.Batch);

        /// <summary>Operator (0x05).</summary>
        public readonly CounterRecord OperatorRecord = new CounterRecord(PaymentRecord.Operator);

        /// <summary>Who the terminal is; null until provisioned.</summary>
        public TerminalIdentity? Identity;

        /// <summary>STANs are reserved on flash up to this one.</summary>
        public int StanReserved;

        /// <summary>The next invoice number.</summary>
        public int NextInvoice = 1;

        /// <summary>The open batch.</summary>
        public int Batch = 1;

        /// <summary>The operator logged on.</summary>
        public int Operator = 1;

        private readonly IStanReserver _reserver;

        /// <summary>Counters whose identity asks <paramref name="reserver"/> before each STAN.</summary>
        public Counters(IStanReserver reserver)
        {
            _reserver = reserver;
        }

        /// <summary>As before the first record.</summary>
        public void Reset()
        {
            Identity = null;
            StanReserved = 0;
            NextInvoice = 1;
            Batch = 1;
            Operator = 1;
        }

        /// <summary>The terminal is (re)provisioned: a new identity numbering from the reservation.</summary>
        public void Apply(ProvisionRecord r) => NewIdentity(r.TerminalId, r.MerchantId);

        /// <summary>A counter's new value.</summary>
        public void Apply(CounterRecord r)
        {
            if (r.Type == PaymentRecord.StanReserve)
            {
                StanReserved = r.Value;
            }
            else if (r.Type == PaymentRecord.Batch)
            {
                SetBatch(r.Value);
            }
            else
            {
                Operator = r.Value;
            }
        }

        /// <summary>A request was journaled: the invoice after it is next, and its STAN is used whatever was reserved.</summary>
        public void Count(TxnEntry e)
        {
            int next = e.Invoice >= 999999 ? 1 : e.Invoice + 1;
            if (e.Invoice >= NextInvoice || next == 1)
            {
                NextInvoice = next;
            }

            int ahead = StanDistance(StanReserved, e.Stan);
            if (ahead > 0 && ahead < PaymentStore.MaxStan / 2)
            {
                StanReserved = e.Stan;
            }
        }

        /// <summary>Settlement closed the batch: the next one opens.</summary>
        public void NextBatch() => SetBatch(Batch >= 999999 ? 1 : Batch + 1);

        /// <summary>Replay is over: the identity numbers on from the reservation (a STAN handed out before the boot is never reused).</summary>
        public void EndReplay()
        {
            if (Identity != null)
            {
                Identity.Batch = Batch;
                Identity.LastStan = StanReserved;
            }
        }

        /// <summary>
        /// The STAN to reserve up to now, or -1 while enough are reserved: at least 10 ahead of the last used, never
        /// more than a block and one (a reservation that ran past a wrap is renewed).
        /// </summary>
        public int ReservationDue()
        {
            if (Identity == null)
            {
                return -1;
            }

            int last = Identity.LastStan;
            int ahead = StanDistance(last, StanReserved);
            if (StanReserved > 0 && ahead >= 10 && ahead <= PaymentStore.StanBlock + 1)
            {
                return -1;
            }

            return StanAfter(last, PaymentStore.StanBlock);
        }

        /// <summary>Writes the counters' part of the snapshot.</summary>
        public void Fill(SnapshotRecord s)
        {
            s.TerminalId = Identity != null ? Identity.TerminalId : string.Empty;
            s.MerchantId = Identity != null ? Identity.MerchantId : string.Empty;
            s.Batch = Batch;
            s.StanReserved = StanReserved;
            s.NextInvoice = NextInvoice;
            s.Operator = Operator;
        }

        /// <summary>
        /// Takes the counters' part of a snapshot. An identity already there stays (its last STAN numbers on): a snapshot
        /// restates the identity the store had when it wrote it, and only the provisioning record changes it.
        /// </summary>
        public void Apply(SnapshotRecord s)
        {
            StanReserved = s.StanReserved;
            NextInvoice = s.NextInvoice;
            Operator = s.Operator;
            if (Identity == null)
            {
                NewIdentity(s.TerminalId, s.MerchantId);
            }

            SetBatch(s.Batch);
        }

        /// <summary>The STAN <paramref name="n"/> after <paramref name="stan"/>, wrapping from 999999 to 1 as <see cref="TerminalIdentity.NextStan"/> does.</summary>
        public static int StanAfter(int stan, int n) => ((((stan - 1 + n) % PaymentStore.MaxStan) + PaymentStore.MaxStan) % PaymentStore.MaxStan) + 1;

        // How many STANs after from comes to (0..999998), across the wrap.
        private static int StanDistance(int from, int to) => (((to - from) % PaymentStore.MaxStan) + PaymentStore.MaxStan) % PaymentStore.MaxStan;

        private void NewIdentity(string terminalId, string merchantId)
        {
            Identity = new TerminalIdentity(terminalId, merchantId);
            Identity.Reserver = _reserver;
            Identity.Batch = Batch;
            Identity.LastStan = StanReserved;
        }

        private void SetBatch(int batch)
        {
            Batch = batch;
            if (Identity != null)
            {
                Identity.Batch = batch;
            }
        }
    }
}
