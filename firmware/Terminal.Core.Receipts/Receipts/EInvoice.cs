using Terminal.Core.Security;
using Terminal.Core.Util;
using Terminal.Hal;

namespace Terminal.Core.Payments
{
    /// <summary>
    /// The e-invoice (电子发票) link printed as a QR code on the customer copy: a URL a phone's camera opens at the
    /// merchant's invoicing page, with the sale as parameters and a signature the invoicing service checks:
    /// <c>BASE?mid=898310048990001&amp;tid=12345678&amp;date=20261125&amp;time=101500&amp;amt=12800&amp;rrn=000000000001&amp;inv=000001&amp;sig=32 hex</c>.
    /// Parameters in that order: merchant ID (15), terminal ID (8), transaction date (YYYYMMDD) and time (HHMMSS), amount
    /// in fen, host reference number (12; empty for an offline completion advice the host has not answered yet), invoice
    /// number (6). <c>sig</c> is the first 16 bytes of HMAC-SHA256, under the
    /// terminal's invoice key (<see cref="KeySlot.InvoiceKey"/>, which the invoicing service holds too), of the query's
    /// text before <c>&amp;sig=</c>, in upper-case hex: a changed parameter, or a link made without the key, is refused.
    /// No key, no link: a terminal without one prints no e-invoice code.
    /// </summary>
    public sealed class EInvoice
    {
        /// <summary>The invoicing page when the settings name none (a placeholder the merchant's provider replaces).</summary>
        public const string DefaultBaseUrl = "https://fapiao.example.com/claim";

        /// <summary>Signature bytes printed (of HMAC-SHA256's 32): 128 bits, as 32 hex digits.</summary>
        public const int SignatureBytes = 16;

        private readonly IKeyStore _keys;
        private readonly HmacSha256 _hmac;
        private readonly byte[] _key = new byte[64];
        private readonly byte[] _mac = new byte[HmacSha256.Length];
        private byte[] _text = new byte[128];

        /// <summary>Signs with the key in <paramref name="keys"/> on <paramref name="crypto"/>; links go to <paramref name="baseUrl"/> (the default when empty).</summary>
        public EInvoice(IKeyStore keys, ICrypto crypto, string baseUrl)
        {
            _keys = keys;
            _hmac = new HmacSha256(crypto);
            BaseUrl = baseUrl == null || baseUrl.Length == 0 ? DefaultBaseUrl : baseUrl;
        }

        /// <summary>
        /// Whether <paramref name="e"/>'s customer copy may carry an e-invoice link: what the customer was charged and claims an
        /// invoice for. An approved sale, and a pre-auth completion (request or offline advice), the actual charge of a stay
        /// or a rental. Not a pre-auth (a hold, not a charge: its completion carries the link), a void or a completion void
        /// (nothing charged), a refund (money given back: the merchant reverses the sale's invoice with a red-letter one in
        /// its invoicing system, the customer has nothing to claim), a balance inquiry (no slip), nor a sale the card
        /// declined after the host approved (reversed).
        /// </summary>
        public static bool Carries(TxnEntry e) =>
            e.State == TxnState.Approved && !e.CardDeclined
            && (e.Kind == TxnKind.Sale || e.Kind == TxnKind.Completion || e.Kind == TxnKind.CompletionAdvice);

        /// <summary>The invoicing page the links open.</summary>
        public string BaseUrl { get; }

        /// <summary>The signed link for an approved transaction printed at <paramref name="year"/>; null when the terminal has no invoice key.</summary>
        public string? Url(TxnEntry e, string merchantId, string terminalId, int year)
        {
            string query = Query(e, merchantId, terminalId, year);
            int keyLength = _keys.Load(KeySlot.InvoiceKey, _key, 0);
            if (keyLength <= 0)
            {
                return null;
            }

            if (_text.Length < query.Length)
            {
                _text = new byte[query.Length];
            }

            for (int i = 0; i < query.Length; i++)
            {
                _text[i] = (byte)query[i]; // ASCII: digits, letters, '=' and '&'
            }

            _hmac.Compute(_key, 0, keyLength, _text, 0, query.Length, _mac, 0);
            for (int i = 0; i < _key.Length; i++)
            {
                _key[i] = 0;
            }

            return BaseUrl + "?" + query + "&sig=" + HexText.Encode(_mac, 0, SignatureBytes);
        }

        /// <summary>The signed part of the link: the parameters before <c>&amp;sig=</c>.</summary>
        public static string Query(TxnEntry e, string merchantId, string terminalId, int year) =>
            "mid=" + merchantId
            + "&tid=" + terminalId
            + "&date=" + DigitText.Fixed(year, 4) + DigitText.Fixed(e.DateMmdd, 4)
            + "&time=" + DigitText.Fixed(e.TimeHhmmss, 6)
            + "&amt=" + ReceiptPrinter.Signed(e).ToString()
            + "&rrn=" + e.Rrn
            + "&inv=" + DigitText.Fixed(e.Invoice, 6);
    }
}
