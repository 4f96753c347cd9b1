using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Payments;

namespace Terminal.Core.Flows
{
    /// <summary>Told how a catalog download ended.</summary>
    public interface ICatalogObserver
    {
        /// <summary>The download ended: <paramref name="loaded"/> when a new catalog is stored; words for the screen.</summary>
        void OnCatalogDone(bool loaded, string message);
    }

    /// <summary>
    /// Item catalog download (商品目录下载), 0800/0810 with F60.3 = 380, MACed both ways. The terminal sends
    /// F61 = version (6 digits) + chunk index (3): chunk 0 with the version it holds asks for anything newer;
    /// chunk i with the version being downloaded asks for that chunk. F62 of the answer: version (u32), chunk
    /// index (u8), chunk count (u8), items in the catalog (u8), items in this chunk (u8), then the items
    /// (<see cref="ItemCatalog.EncodeItem"/>). A chunk count of 0 means "what you hold is current"; no F62,
    /// "no catalog here". The chunks are gathered in memory and checked (versions, order, counts, every
    /// field) before <see cref="PaymentStore.ReplaceCatalog"/> journals them: a broken download keeps the
    /// catalog the terminal had.
    /// </summary>
    public sealed class CatalogFlow : IHostExchangeHandler
    {
        /// <summary>F60.3 of a catalog download request.</summary>
        public const int NetworkCode = 380;

        /// <summary>Bytes of the chunk header in F62.</summary>
        public const int HeaderLength = 8;

        private readonly HostSession _session;
        private readonly PaymentStore _store;
        private readonly ItemCatalog _incoming = new ItemCatalog();
        private readonly byte[] _f62 = new byte[600];
        private ICatalogObserver? _observer;
        private int _timeoutMs = 30000;
        private int _chunk;
        private int _chunks;
        private int _total;

        /// <summary>Creates the flow over the host session and the store that keeps the catalog.</summary>
        public CatalogFlow(HostSession session, PaymentStore store)
        {
            _session = session;
            _store = store;
        }

        /// <summary>How long to wait for each answer.</summary>
        public int TimeoutMs
        {
            get => _timeoutMs;
            set => _timeoutMs = value;
        }

        /// <summary>Asks the host for a catalog newer than the one held; the outcome reaches <paramref name="observer"/>.</summary>
        public void Start(ICatalogObserver observer)
        {
            _observer = observer;
            _incoming.Clear();
            _chunk = 0;
            _chunks = 0;
            _total = 0;
            Request(_store.Catalog.Version, 0);
        }

        /// <inheritdoc />
        public void OnExchange(ExchangeOutcome outcome, string reason)
        {
            if (outcome != ExchangeOutcome.Response)
            {
                Done(false, "Catalog not loaded: " + reason);
                return;
            }

            Iso8583Message response = _session.Response;
            string? code = response.GetString(Field.ResponseCode);
            if (code != "00")
            {
                Done(false, "Catalog refused by host (code " + (code ?? "none") + ")");
                return;
            }

            if (!response.Has(Field.PrivateData))
            {
                Done(false, "Host has no catalog");
                return;
            }

            int length = response.GetBytes(Field.PrivateData, _f62, 0);
            if (length < HeaderLength)
            {
                Done(false, Malformed("F62 shorter than its header"));
                return;
            }

            int version = Util.Codec.Get32(_f62, 0);
            int index = _f62[4];
            int chunks = _f62[5];
            int total = _f62[6];
            int inChunk = _f62[7];
            if (_chunk == 0)
            {
                if (chunks == 0)
                {
                    Done(false, "Catalog up to date (v" + _store.Catalog.Version.ToString() + ")");
                    return;
                }

                if (version < 1 || version > 999999 || version == _store.Catalog.Version || total > ItemCatalog.MaxItems)
                {
                    Done(false, Malformed("version " + version.ToString() + " or " + total.ToString() + " items not acceptable"));
                    return;
                }

                _incoming.Version = version;
                _chunks = chunks;
                _total = total;
            }

            if (index != _chunk || version != _incoming.Version || chunks != _chunks || total != _total)
            {
                Done(false, Malformed("chunk " + index.ToString() + " of v" + version.ToString() + " where chunk " + _chunk.ToString() + " was asked"));
                return;
            }

            int p = HeaderLength;
            for (int i = 0; i < inChunk; i++)
            {
                string problem;
                p = _incoming.DecodeItem(_f62, p, length, out problem);
                if (p < 0)
                {
                    Done(false, Malformed(problem));
                    return;
                }
            }

            if (p != length)
            {
                Done(false, Malformed("bytes left after the items of chunk " + index.ToString()));
                return;
            }

            _chunk++;
            if (_chunk < _chunks)
            {
                Request(_incoming.Version, _chunk);
                return;
            }

            if (_incoming.Count != _total)
            {
                Done(false, Malformed(_incoming.Count.ToString() + " items where " + _total.ToString() + " were announced"));
                return;
            }

            if (!_store.ReplaceCatalog(_incoming))
            {
                Done(false, "Catalog not stored: " + _store.Problem);
                return;
            }

            Done(true, "Catalog v" + _incoming.Version.ToString() + " loaded: " + _incoming.Count.ToString() + " items");
        }

        private void Request(int version, int chunk)
        {
            TerminalIdentity? identity = _store.Identity;
            if (identity == null)
            {
                Done(false, "Not provisioned");
                return;
            }

            Iso8583Message request = _session.NewNetworkRequest(800, identity, NetworkCode);
            request.BeginField(Field.OriginalData);
            request.AppendDigits(version, 6);
            request.AppendDigits(chunk, 3);
            request.EndField();
            if (!_session.Send(this, _timeoutMs, true))
            {
                Done(false, "Catalog not loaded: host link busy");
            }
        }

        private string Malformed(string what) =>
            "Catalog answer malformed (" + what + "): kept " + (_store.Catalog.Version > 0 ? "v" + _store.Catalog.Version.ToString() : "none");

        private void Done(bool loaded, string message)
        {
            ICatalogObserver? observer = _observer;
            _observer = null;
            _incoming.Clear();
            observer?.OnCatalogDone(loaded, message);
        }
    }
}
