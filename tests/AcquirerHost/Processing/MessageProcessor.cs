using System.Globalization;
using AcquirerHost.Catalog;
using AcquirerHost.Rules;
using AcquirerHost.Security;
using AcquirerHost.Store;
using AcquirerHost.Updates;
using Microsoft.Data.Sqlite;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Core.Update;
using Terminal.Drivers.Simulated.Crypto;

namespace AcquirerHost.Processing;

/// <summary>
/// The host's business logic: unpacks a request, checks the terminal and its MAC, applies the response
/// rules, updates the store (committed before the reply is returned) and packs the MAC'd response.
/// One request at a time (a lock), so a reversal never races the transaction it reverses.
/// </summary>
public sealed partial class MessageProcessor
{
    /// <summary>F60.3 of a batch-upload detail (0320).</summary>
    public const string BatchUploadCode = "201";

    /// <summary>F60.3 of the batch-upload end (settlement end) 0320.</summary>
    public const string BatchUploadEndCode = "202";

    /// <summary>F60.3 of an IC card online transaction's detail (0320): the TC upload of a chip sale (docs/emv-contact.md).</summary>
    public const string IcDetailCode = "203";

    /// <summary>F60.3 of the IC card script-result notification (0620, docs/emv-contact.md).</summary>
    public const string ScriptResultCode = "951";

    /// <summary>F60.3 of an update check (0800): answered with the offered image's version, length and SHA-256 in F62.</summary>
    public const string UpdateCheckCode = "360";

    /// <summary>F60.3 of a download-chunk request (0800, F61 = version + offset + length): answered with the bytes in F62.</summary>
    public const string UpdateChunkCode = "361";

    /// <summary>F60.3 of a sign-in for double-length keys with a track data key: F62 carries PIK, MAK and TDK (60 bytes).</summary>
    public const string TrackKeySignInCode = "004";

    /// <summary>F60.3 of an item catalog download (0800, F61 = version 6 digits + chunk index 3): answered with the chunk in F62.</summary>
    public const string CatalogCode = "380";

    /// <summary>Largest chunk served (F62 of the cup profile holds 512 bytes).</summary>
    public const int MaxChunk = 512;

    private const int MaxMessage = 2048;

    private readonly Iso8583Profile _profile;
    private readonly Iso8583Codec _codec;
    private readonly AcquirerStore _store;
    private readonly RuleBook _rules;
    private readonly Action<string> _log;
    private readonly TimeProvider _time;
    private readonly Random? _random; // seeded for deterministic runs; null: cryptographic auth codes
    private readonly UpdateCatalog _updates;
    private readonly CupMac _mac = new(new HostCrypto());
    private readonly Lock _gate = new();

    /// <summary>Creates a processor for messages of <paramref name="profile"/>.</summary>
    public MessageProcessor(Iso8583Profile profile, AcquirerStore store, RuleBook rules, Action<string> log, TimeProvider? time = null, UpdateCatalog? updates = null, Random? random = null)
    {
        _updates = updates ?? new UpdateCatalog();
        _random = random;
        _profile = profile;
        _codec = new Iso8583Codec(profile);
        _store = store;
        _rules = rules;
        _log = log;
        _time = time ?? TimeProvider.System;
        QrOrders = new QrOrders(store, _time, random);
    }

    /// <summary>The merchant-presented QR orders (60.1 = 40, 41, 42) and the wallets' payments of them.</summary>
    public QrOrders QrOrders { get; }

    /// <summary>The firmware images offered to terminals (F60.3 360 update check, 361 download chunk).</summary>
    public UpdateCatalog Updates => _updates;

    /// <summary>The item catalog served to terminals (F60.3 380); null for none.</summary>
    public HostItemCatalog? Catalog { get; set; }

    /// <summary>Handles one request message (transport framing removed); null when it cannot be answered (undecodable, not a request).</summary>
    public HostReply? Process(byte[] buffer, int offset, int count)
    {
        lock (_gate)
        {
            var request = new Iso8583Message(_profile, 512);
            var error = _codec.Unpack(request, buffer, offset, count);
            if (error.IsError)
            {
                _log($"rejected undecodable message ({count} bytes): {error.Message}");
                return null;
            }

            if (request.Mti < 0 || (request.Mti / 10) % 2 != 0)
            {
                _log($"ignored non-request MTI {request.Mti:D4}");
                return null;
            }

            try
            {
                return new Exchange(this, request, buffer, offset).Run();
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException or ArgumentException or FormatException
                or System.Security.Cryptography.CryptographicException)
            {
                // Nothing was acknowledged: a failed database transaction rolled back, so silence is the honest answer.
                _log($"{request.Mti:D4} from {request.GetString(Field.TerminalId)}: not answered, internal error: {e.Message}");
                return null;
            }
        }
    }

    /// <summary>First 6 and last 4 digits of a PAN, the rest as '*'.</summary>
    public static string MaskPan(string pan) =>
        pan.Length <= 10 ? new string('*', pan.Length) : string.Concat(pan.AsSpan(0, 6), new string('*', pan.Length - 10), pan.AsSpan(pan.Length - 4));

    /// <summary>One request being answered: the request, the response being built, the terminal and the key to MAC with.</summary>
    private sealed partial class Exchange
    {
        private readonly MessageProcessor _host;
        private readonly Iso8583Message _req;
        private readonly byte[] _reqBuffer;
        private readonly int _reqOffset;
        private readonly Iso8583Message _resp;
        private readonly byte[] _preamble;
        private readonly DateTimeOffset _now;
        private TerminalRecord? _terminal;
        private byte[]? _responseMak;
        private string _note = string.Empty;
        private bool _silent;
        private string? _track2; // F35 in clear (decrypted when it came encrypted); never logged

        public Exchange(MessageProcessor host, Iso8583Message request, byte[] buffer, int offset)
        {
            _host = host;
            _req = request;
            _reqBuffer = buffer;
            _reqOffset = offset;
            _resp = new Iso8583Message(host._profile, 1024) { Mti = request.Mti + 10 };
            _preamble = new byte[host._profile.PreambleLength];
            _now = host._time.GetLocalNow();
        }

        private string Tid => _req.GetString(Field.TerminalId) ?? string.Empty;

        private string Amount12 => _req.Has(Field.Amount) ? _req.GetNumber(Field.Amount).ToString("D12", CultureInfo.InvariantCulture) : "000000000000";

        private string LocalDate => _now.ToString("MMdd", CultureInfo.InvariantCulture);

        public HostReply Run()
        {
            MakePreamble();
            var rule = _host._rules.Choose(_req.Mti, _req.GetString(Field.ProcessingCode), _req.Has(Field.Amount) ? Amount12 : null, _req.GetString(Field.TerminalId), CardPan());
            var action = rule?.Action ?? RuleAction.Approve;
            Echo(Field.Pan, Field.ProcessingCode, Field.Amount, Field.Stan, Field.EntryMode, Field.ConditionCode, Field.TerminalId, Field.MerchantId, Field.Currency, Field.MessageInfo);
            _resp.Set(Field.LocalTime, _now.ToString("HHmmss", CultureInfo.InvariantCulture));
            _resp.Set(Field.LocalDate, LocalDate);

            string rc = Handle(rule);
            _resp.Set(Field.ResponseCode, rc);
            if (_req.Mti is 100 or 200 or 220)
            {
                _resp.Set(Field.AdditionalResponse, CardInstitutions.Field44(CardPan() ?? OriginalCardPan()));
            }

            AnswerChip(rc, rule);
            byte[] packed = Pack(action == RuleAction.BadMac);
            string pan = _req.Has(Field.Pan) || _req.Has(Field.IccData) ? " pan=" + MaskPan(CardPan() ?? string.Empty) : string.Empty;
            _host._log($"{_req.Mti:D4} tid={Tid} stan={_req.GetString(Field.Stan) ?? "-"}{(_req.Has(Field.Amount) ? " amount=" + Amount12 : string.Empty)}{pan}"
                + $" -> {_resp.Mti:D4} rc={rc}{_note}{(rule != null ? " rule=" + rule : string.Empty)}{(_responseMak == null ? " (no MAC: no key)" : string.Empty)}");
            if (_silent)
            {
                return new HostReply(null, RuleAction.NoAnswer, 0);
            }

            return new HostReply(action == RuleAction.NoAnswer || action == RuleAction.DropConnection ? null : packed, action, rule?.DelayMs ?? 0);
        }

        // Returns the response code; fills the response's other fields.
        private string Handle(ResponseRule? rule)
        {
            _terminal = _host._store.FindTerminal(Tid);
            if (_terminal == null || (_req.Has(Field.MerchantId) && _req.GetString(Field.MerchantId) != _terminal.Mid))
            {
                _note = " (unknown terminal or merchant)";
                return "03";
            }

            int mti = _req.Mti;
            string? networkCode = mti == 800 ? Subfield(Field.MessageInfo, 3) : null;
            bool update = networkCode is UpdateCheckCode or UpdateChunkCode;
            bool catalog = networkCode == CatalogCode;
            bool macRequired = (mti != 800 || update || catalog) && !(mti == 820 && !_req.Has(Field.Mac));
            _responseMak = _terminal.Mak;
            if (macRequired)
            {
                if (_terminal.Mak == null)
                {
                    _note = " (not signed in)";
                    return "77";
                }

                if (!MacValid(_terminal.Mak))
                {
                    _note = " (MAC error)";
                    return "A0";
                }
            }

            string? decline = rule?.Action == RuleAction.Decline ? rule.ResponseCode : null;
            string pc = _req.GetString(Field.ProcessingCode) ?? string.Empty;
            if (mti is 100 or 200 or 220 && Retransmission(pc) is AuthorizationRecord earlier)
            {
                // The same request again (a lost answer, a serial retransmission): answer as before, authorize once.
                _resp.Set(Field.Rrn, earlier.Rrn);
                if (earlier.AuthCode != null)
                {
                    _resp.Set(Field.AuthCode, earlier.AuthCode);
                }

                if (decline == "94")
                {
                    // A host that answers a repeat as a duplicate (94): booked once, as before.
                    _note = " (repeated request: duplicate)";
                    return "94";
                }

                _note = " (repeated request: original answer)";
                return earlier.ResponseCode;
            }

            if (mti is 100 or 200 or 220 && (_req.Has(Field.Track2) || _req.Has(Field.Track3)))
            {
                decline ??= TrackProblem();
            }

            if (mti is 100 or 200 && _req.Has(Field.PinBlock))
            {
                decline ??= PinProblem();
            }

            string type = Subfield(Field.MessageInfo, 1) ?? string.Empty;
            if (PreAuthFamily(mti, pc, type, decline) is string family)
            {
                return family; // the pre-authorization family: Processing/PreAuthorizations.cs
            }

            return mti switch
            {
                800 when catalog => decline ?? CatalogChunk(),
                800 when update => decline ?? (networkCode == UpdateCheckCode ? UpdateCheck() : UpdateChunk()),
                800 => decline ?? SignIn(),
                820 => decline ?? "00",
                200 when type is "40" or "41" or "42" => QrOrder(type, decline),
                200 when pc == "310000" => Balance(decline),
                200 when pc == "000000" => Sale(decline),
                200 when pc.StartsWith("20", StringComparison.Ordinal) && type != "25" => Void(decline),
                220 or 200 when pc.StartsWith("20", StringComparison.Ordinal) => Refund(decline),
                100 => PlacePreAuth(decline),
                400 => Reversal(),
                620 => decline ?? ChipAdvice("script-result"),
                320 when Subfield(Field.MessageInfo, 3) == IcDetailCode => decline ?? ChipAdvice("tc"),
                500 => decline ?? Settlement(rule?.Action == RuleAction.Unbalanced),
                320 => decline ?? BatchUpload(),
                _ => "40",
            };
        }

        // An authorization this terminal already got with the same batch, STAN, MTI, processing code and amount.
        private AuthorizationRecord? Retransmission(string processingCode)
        {
            long stan = _req.GetNumber(Field.Stan);
            if (stan < 0)
            {
                return null;
            }

            long amount = Math.Max(0, _req.Has(Field.Amount) ? _req.GetNumber(Field.Amount) : 0);
            var earlier = _host._store.InTransaction(tx => AcquirerStore.FindByStan(tx, Tid, BatchOfRequest(), (int)stan));
            return earlier != null && earlier.Mti == _req.Mti && earlier.ProcessingCode == processingCode && earlier.Amount == amount ? earlier : null;
        }

        // 60.3 = 004 (and a double-length TMK, and the rules allow it) adds a track data key: F62 of 60 bytes, answered 004.
        private string SignIn()
        {
            var terminal = _terminal!;
            byte[] pik = WorkingKeys.NewKey(terminal.Tmk.Length);
            byte[] mak = WorkingKeys.NewKey(terminal.Tmk.Length);
            byte[]? tdk = Subfield(Field.MessageInfo, 3) == TrackKeySignInCode && terminal.Tmk.Length == 16 && _host._rules.TrackKey
                ? WorkingKeys.NewKey(16) : null;
            _host._store.InTransaction(tx =>
            {
                AcquirerStore.SetWorkingKeys(tx, terminal.Tid, pik, mak, tdk, _now.ToString("O", CultureInfo.InvariantCulture));
                StoreStan(tx);
                return 0;
            });
            _resp.Set(Field.PrivateData, Convert.ToHexString(WorkingKeys.Field62(terminal.Tmk, pik, mak, tdk)));
            _resp.Set(Field.MessageInfo, "00" + terminal.BatchNumber.ToString("D6", CultureInfo.InvariantCulture) + (tdk != null ? TrackKeySignInCode : "003"));
            _responseMak = mak; // the terminal verifies this response once it has opened F62
            _note = tdk != null ? " (new PIK/MAK/TDK issued)" : " (new PIK/MAK issued)";
            return "00";
        }

        // F35/F36: decrypted under the terminal's TDK when F53.3 is 1, then checked as a card's track 2 (F2 when sent).
        // A track in clear from a terminal that holds a TDK, or encrypted without one, is refused: 30. Nothing of the
        // track reaches the log.
        private string? TrackProblem()
        {
            string control = _req.GetString(Field.SecurityControl) ?? string.Empty;
            bool encrypted = control.Length == 16 && control[2] == '1';
            string? track2 = _req.GetString(Field.Track2);
            string? track3 = _req.GetString(Field.Track3);
            byte[]? tdk = _terminal!.Tdk;
            if (encrypted != (tdk != null))
            {
                _note = encrypted ? " (track encrypted, but no track key issued: sign in with 60.3 = 004)" : " (track in clear from a terminal holding a track key)";
                return "30";
            }

            if (encrypted)
            {
                track2 = track2 == null ? null : TrackData.Decrypt(tdk!, track2);
                string? clear3 = track3 == null ? null : TrackData.Decrypt(tdk!, track3);
                if ((_req.Has(Field.Track2) && track2 == null) || (track3 != null && clear3 == null))
                {
                    _note = " (encrypted track too short or not hex)";
                    return "30";
                }
            }

            // Only a decrypted track is checked: what a wrong key, or a clear track sent as encrypted, turns into is not a
            // track. Clear tracks stay as unchecked as before (the host's older tests send made-up ones).
            if (encrypted && track2 != null && TrackData.Problem(track2, _req.GetString(Field.Pan)) is var (code, why))
            {
                _note = " (track 2 decrypted: " + why + ")";
                return code;
            }

            _track2 = track2;
            return null;
        }

        // Update check: F62 offers the newest published image (version, length, SHA-256); no F62 when none is published.
        private string UpdateCheck()
        {
            StoreStanOnly();
            byte[]? image = _host._updates.Latest;
            if (image == null)
            {
                _note = " (update check: none published)";
                return "00";
            }

            byte[] offer = UpdateCatalog.Offer(image);
            _resp.Set(Field.PrivateData, offer, 0, offer.Length);
            _note = $" (update check: offers {FirmwareImage.VersionText(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(offer))}, {image.Length} bytes)";
            return "00";
        }

        // Download chunk: F61 = version (6 digits) + offset (8) + length (4); F62 answers with those bytes of the image.
        private string UpdateChunk()
        {
            StoreStanOnly();
            string digits = _req.GetString(Field.OriginalData) ?? string.Empty;
            if (digits.Length != 18 || !int.TryParse(digits.AsSpan(0, 6), NumberStyles.None, CultureInfo.InvariantCulture, out int version)
                || !int.TryParse(digits.AsSpan(6, 8), NumberStyles.None, CultureInfo.InvariantCulture, out int offset)
                || !int.TryParse(digits.AsSpan(14, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int length))
            {
                _note = " (download chunk: F61 is not version 6 + offset 8 + length 4 digits)";
                return "30";
            }

            byte[]? image = _host._updates.Find(version);
            if (image == null)
            {
                _note = $" (download chunk: version {FirmwareImage.VersionText(version)} not published)";
                return "25";
            }

            if (length < 1 || length > MaxChunk || offset >= image.Length)
            {
                _note = $" (download chunk: {length} bytes at {offset} is outside the image or above {MaxChunk})";
                return "30";
            }

            length = Math.Min(length, image.Length - offset);
            if (_host._updates.CutOffAt is int cut && offset + length > cut)
            {
                _silent = true;
                _note = $" (download chunk at {offset}: cut off at {cut}, not answered)";
                return "00";
            }

            _resp.Set(Field.PrivateData, image, offset, length);
            _host._updates.CountServed(length);
            _note = $" (download chunk: {length} bytes at {offset} of {FirmwareImage.VersionText(version)})";
            return "00";
        }

        // Catalog download: F61 = version (6 digits) + chunk index (3). Chunk 0 with the version the terminal holds: the
        // first chunk of a newer catalog, or a header with no chunks when it holds the current one. Chunk i: that chunk.
        private string CatalogChunk()
        {
            StoreStanOnly();
            string digits = _req.GetString(Field.OriginalData) ?? string.Empty;
            if (digits.Length != 9 || !int.TryParse(digits.AsSpan(0, 6), NumberStyles.None, CultureInfo.InvariantCulture, out int version)
                || !int.TryParse(digits.AsSpan(6, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                _note = " (catalog: F61 is not version 6 + chunk 3 digits)";
                return "30";
            }

            HostItemCatalog? served = _host.Catalog;
            if (served == null)
            {
                _note = " (catalog: none configured)";
                return "00";
            }

            if (index == 0 && version >= served.Version)
            {
                byte[] current = served.UpToDate();
                _resp.Set(Field.PrivateData, current, 0, current.Length);
                _note = $" (catalog: v{version} is current)";
                return "00";
            }

            if ((index > 0 && version != served.Version) || index >= served.ChunkCount)
            {
                _note = $" (catalog: no chunk {index} of v{version})";
                return "25";
            }

            byte[] chunk = served.Chunk(index);
            _resp.Set(Field.PrivateData, chunk, 0, chunk.Length);
            _note = $" (catalog: chunk {index + 1}/{served.ChunkCount} of v{served.Version}, {chunk.Length} bytes)";
            return "00";
        }

        private void StoreStanOnly() => _host._store.InTransaction(tx =>
        {
            StoreStan(tx);
            return 0;
        });

        private string Balance(string? decline)
        {
            string rc = decline ?? "00";
            Record("balance", 0, rc, "approved", null);
            if (rc == "00")
            {
                // F54: account type 10, amount type 02 (available), currency 156, sign C, 12 digits.
                // The balance less the holds of the card's standing pre-auths (Processing/PreAuthorizations.cs).
                long available = AvailableBalance();
                _resp.Set(Field.Balance, "1002156" + (available < 0 ? "D" : "C") + Math.Abs(available).ToString("D12", CultureInfo.InvariantCulture));
            }

            return rc;
        }

        private string Sale(string? decline)
        {
            long amount = _req.GetNumber(Field.Amount);
            string rc = decline ?? (amount <= 0 ? "13" : ChipProblem() ?? "00");
            Record("sale", amount, rc, rc == "00" ? "approved" : "declined", null);
            WalletOrder(rc);
            return rc;
        }

        // A merchant-presented QR order's request, status query or close (docs/qr-orders.md).
        private string QrOrder(string type, string? decline)
        {
            StoreStanOnly();
            string rc = _host.QrOrders.Answer(_req, _resp, Tid, BatchOfRequest(), type, decline, out string note);
            _note = note;
            return rc;
        }

        // A scanned payment code's approved sale (F22 03x): F59 tag B5, the wallet's own order number, for the slip.
        private void WalletOrder(string rc)
        {
            string code = _req.GetString(Field.UsageData) ?? string.Empty;
            string rrn = _resp.GetString(Field.Rrn) ?? string.Empty;
            if (rc != "00" || !(_req.GetString(Field.EntryMode) ?? string.Empty).StartsWith("03", StringComparison.Ordinal) || code.Length < 7 || rrn.Length != 12)
            {
                return;
            }

            // A3 + three-digit length + the code: the wallet by the code's prefix (10-15 WeChat Pay, 25-30 Alipay, 62 UnionPay).
            if (!int.TryParse(code.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int prefix))
            {
                return;
            }

            int wallet = prefix is >= 10 and <= 15 ? 1 : prefix is >= 25 and <= 30 ? 2 : 3;
            _resp.Set(Field.UsageData, QrOrders.Tag(Terminal.Core.Flows.QrOrderFlow.TagWalletOrder, QrOrders.WalletOrderNumber(wallet, _now, long.Parse(rrn, CultureInfo.InvariantCulture))));
        }

        private string Void(string? decline)
        {
            string rrn = _req.GetString(Field.Rrn) ?? string.Empty;
            long amount = _req.GetNumber(Field.Amount);
            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                var original = AcquirerStore.FindByRrn(tx, Tid, rrn);
                string rc;
                if (original == null || original.Kind != "sale"
                    || (_req.Has(Field.OriginalData) && (Subfield(Field.OriginalData, 1) != original.BatchNumber.ToString("D6", CultureInfo.InvariantCulture)
                        || Subfield(Field.OriginalData, 2) != original.Stan.ToString("D6", CultureInfo.InvariantCulture))))
                {
                    rc = "25";
                    _note = " (original not found)";
                }
                else if (original.Status != "approved")
                {
                    rc = "12";
                    _note = $" (original {original.Status})";
                }
                else if (amount != original.Amount)
                {
                    rc = "64";
                    _note = " (amount differs from original)";
                }
                else
                {
                    rc = decline ?? "00";
                }

                RecordIn(tx, "void", amount, rc, rc == "00" ? "approved" : "declined", rrn);
                if (rc == "00")
                {
                    AcquirerStore.SetStatus(tx, original!.Id, "voided");
                }

                return rc;
            });
        }

        private string Refund(string? decline)
        {
            string rrn = _req.GetString(Field.Rrn) ?? string.Empty;
            long amount = _req.GetNumber(Field.Amount);
            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                var original = AcquirerStore.FindByRrn(tx, Tid, rrn);
                string rc;
                if (original == null || original.Kind != "sale" || (_req.Has(Field.OriginalData) && Subfield(Field.OriginalData, 3) != original.LocalDate))
                {
                    rc = "25";
                    _note = " (original not found)";
                }
                else if (original.Status != "approved")
                {
                    rc = "12";
                    _note = $" (original {original.Status})";
                }
                else if (amount <= 0 || amount > original.Amount - AcquirerStore.Refunded(tx, original.Id))
                {
                    rc = "64";
                    _note = " (amount above what is left to refund)";
                }
                else
                {
                    rc = decline ?? "00";
                }

                RecordIn(tx, "refund", amount, rc, rc == "00" ? "approved" : "declined", rrn);
                if (rc == "00")
                {
                    AcquirerStore.AddRefunded(tx, original!.Id, amount);
                }

                return rc;
            });
        }

        private string Reversal()
        {
            int stan = (int)_req.GetNumber(Field.Stan);
            int batch = BatchOfRequest();
            long amount = Math.Max(0, _req.GetNumber(Field.Amount));
            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                var original = AcquirerStore.FindByStan(tx, Tid, batch, stan);
                bool reversible = original != null && original.Kind is "sale" or "void" or "preauth" or "preauthvoid" or "completion" or "completionvoid";
                bool isNew = AcquirerStore.AddReversal(tx, Tid, batch, stan, amount, _req.GetString(Field.ProcessingCode) ?? string.Empty, reversible ? original!.Id : null);
                _note = _req.Has(Field.ResponseCode) ? " reason " + _req.GetString(Field.ResponseCode) : string.Empty;
                if (!isNew)
                {
                    _note += " (repeated reversal: already applied)";
                }
                else if (!reversible)
                {
                    _note += " (original unknown: reversal recorded)";
                }
                else if (original!.Status == "approved")
                {
                    AcquirerStore.SetStatus(tx, original.Id, "reversed");
                    if (original.Kind == "void" && original.OriginalRrn != null)
                    {
                        // Reversing a void puts the sale it cancelled back.
                        var sale = AcquirerStore.FindByRrn(tx, Tid, original.OriginalRrn);
                        if (sale != null && sale.Status == "voided")
                        {
                            AcquirerStore.SetStatus(tx, sale.Id, "approved");
                        }
                    }

                    UndoPreAuthFamily(tx, original);

                    _note += $" ({original.Kind} {original.Rrn} reversed)";
                }
                else
                {
                    _note += $" (original was {original.Status}: nothing to undo)";
                }

                return "00";
            });
        }

        private string Settlement(bool forceUnbalanced)
        {
            string digits = _req.GetString(Field.AdditionalData) ?? string.Empty;
            if (digits.Length != 31 && digits.Length != 62)
            {
                _note = " (F48 is not 31 or 62 digits)";
                return "30";
            }

            if (digits.Length == SettlementTotals.Field48Digits)
            {
                return SettleByParts(digits, forceUnbalanced);
            }

            var terminal = ParseTotals(digits, 0);
            bool foreignZero = digits.Length == 31 || digits.AsSpan(31, 30).IndexOfAnyExcept('0') < 0;
            int batch = BatchOfRequest();
            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                var host = AcquirerStore.Totals(tx, Tid, batch);
                // A rule can make the host disagree (as when its books hold what the terminal's do not).
                bool balanced = host == terminal && !forceUnbalanced;
                AcquirerStore.AddSettlement(tx, Tid, batch, terminal, host, balanced && foreignZero);
                if (balanced && foreignZero)
                {
                    AcquirerStore.NextBatch(tx, Tid, batch);
                }

                // CUP convention: F48 comes back as sent with each result digit set, 1 balanced, 2 not.
                char[] answer = digits.ToCharArray();
                answer[30] = balanced ? '1' : '2';
                if (answer.Length == 62)
                {
                    answer[61] = foreignZero ? '1' : '2';
                }

                _resp.Set(Field.AdditionalData, new string(answer));
                _resp.Set(Field.SettlementDate, LocalDate);
                _note = balanced && foreignZero ? " (balanced)" : $" (unbalanced: host {host.DebitCount} debits {host.DebitAmount}, {host.CreditCount} credits {host.CreditAmount})";
                return "00";
            });
        }

        // The terminal's domestic and foreign parts against the host's own (SettlementTotals), answered per part.
        private string SettleByParts(string digits, bool dropOne)
        {
            int batch = BatchOfRequest();
            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                var books = new SettlementTotals.Books(AcquirerStore.Totals(tx, Tid, batch), AcquirerStore.ForeignTotals(tx, Tid, batch), AcquirerStore.LastApprovedSale(tx, Tid, batch));
                var answer = SettlementTotals.Settle(books, digits, dropOne);
                AcquirerStore.AddSettlement(tx, Tid, batch, answer.TerminalAll, answer.HostAll, answer.Balanced);
                if (answer.Balanced)
                {
                    AcquirerStore.NextBatch(tx, Tid, batch);
                }

                _resp.Set(Field.AdditionalData, answer.Field48);
                _resp.Set(Field.SettlementDate, LocalDate);
                _note = answer.Note;
                return "00";
            });
        }

        // An inserted chip card's sale (F22 05x, F55 with an ARQC): null when the ARQC is the card's, else the decline
        // (05) with the reason noted. Taps (07x) carry the simulated contactless cards' cryptograms: not checked.
        private string? ChipProblem()
        {
            if (!InsertedChip)
            {
                return null;
            }

            var tags = ChipTags();
            string? pan = CardPan();
            if (tags == null || pan == null)
            {
                _note = " (field 55 unreadable)";
                return "05";
            }

            if (!IssuerChip.ArqcValid(tags, pan, PanSequence(), out string why))
            {
                _note = $" ({why})";
                return "05";
            }

            _note = " (ARQC verified)";
            return null;
        }

        // The answer's field 55 for a chip authorization with a valid ARQC: 91 (ARPC || ARC) and the rule's script.
        private void AnswerChip(string rc, ResponseRule? rule)
        {
            bool authorization = _req.Mti is 100 or 200 && (_req.GetString(Field.ProcessingCode) ?? string.Empty) is "000000" or "030000";
            var tags = authorization && InsertedChip && rc.Length == 2 ? ChipTags() : null;
            string? pan = CardPan();
            if (tags == null || pan == null || !IssuerChip.ArqcValid(tags, pan, PanSequence(), out _))
            {
                return;
            }

            int template = rc == "00" && rule?.IssuerScript is string script ? (script == "71" ? IssuerChip.TemplateBefore : script == "72" ? IssuerChip.TemplateAfter : 0) : 0;
            byte[] answer = IssuerChip.Answer(tags, pan, PanSequence(), rc, template, (int)Math.Max(0, _req.GetNumber(Field.Stan)));
            if (answer.Length > 0)
            {
                _resp.Set(Field.IccData, answer, 0, answer.Length);
                _note += template != 0 ? $" (ARPC, script {template:X2})" : " (ARPC)";
            }
        }

        // A script-result notification (0620) or a TC upload (0320, 60.3 = 203): recorded once per STAN, answered 00.
        private string ChipAdvice(string kind)
        {
            var tags = _req.Has(Field.IccData) ? ChipTags() : null;
            if (tags == null)
            {
                _note = " (no readable field 55)";
                return "30";
            }

            int batch = BatchOfRequest();
            string? detail = kind == "script-result" ? IssuerChip.ScriptResults(tags)
                : tags.TryGetValue(0x9F27, out byte[]? cid) && cid.Length == 1 ? ((cid[0] & 0xC0) == 0x40 ? "TC" : "not a TC") : null;
            if (detail == null || detail == "not a TC")
            {
                _note = kind == "tc" ? " (no TC in field 55)" : " (no script results DF31)";
                return "30";
            }

            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                var (original, originalStan) = Original(tx, batch);
                bool isNew = AcquirerStore.AddChipAdvice(tx, Tid, kind, batch, (int)_req.GetNumber(Field.Stan), originalStan, original?.Id, detail);
                _note = $" ({kind} {detail}{(isNew ? string.Empty : ", repeated")}{(original == null ? ", original unknown" : string.Empty)})";
                return "00";
            });
        }

        // The transaction a batch upload or a chip advice refers to: by its RRN (F37), else by its STAN in F61.
        private (AuthorizationRecord? Original, int? Stan) Original(SqliteTransaction tx, int batch)
        {
            string? rrn = _req.GetString(Field.Rrn);
            int? originalStan = _req.Has(Field.OriginalData) ? (int?)SubfieldNumber(Field.OriginalData, 2) : null;
            var original = rrn != null ? AcquirerStore.FindByRrn(tx, Tid, rrn)
                : originalStan is int s ? AcquirerStore.FindByStan(tx, Tid, batch, s) : null;
            return (original, originalStan);
        }

        private bool InsertedChip => _req.Has(Field.IccData) && (_req.GetString(Field.EntryMode) ?? string.Empty).StartsWith("05", StringComparison.Ordinal);

        private Dictionary<int, byte[]>? ChipTags()
        {
            var icc = new byte[255];
            int n = _req.GetBytes(Field.IccData, icc, 0);
            return n > 0 ? IssuerChip.Parse(icc.AsSpan(0, n)) : null;
        }

        // F23 (card sequence number, 5F34); 0 when absent.
        private int PanSequence() => _req.Has(Field.CardSequence) ? (int)Math.Max(0, _req.GetNumber(Field.CardSequence)) : 0;

        // The card number: F2, else the PAN of F35 (never logged unmasked); null when neither.
        // A request by reference (a void, a refund, a pre-auth void or completion) carries no card: its original's
        // card, by the RRN it names, gives the issuer (the masked number keeps the six digits the issuer needs).
        private string? OriginalCardPan()
        {
            string? rrn = _req.GetString(Field.Rrn);
            return rrn == null ? null : _host._store.InTransaction(tx => AcquirerStore.FindByRrn(tx, Tid, rrn)?.MaskedPan);
        }

        private string? CardPan() =>
            _req.Has(Field.Pan) ? _req.GetString(Field.Pan) : (_track2 ?? _req.GetString(Field.Track2))?.Split('D', '=')[0];

        private string BatchUpload()
        {
            int batch = BatchOfRequest();
            if (Subfield(Field.MessageInfo, 3) == BatchUploadEndCode)
            {
                return _host._store.InTransaction(tx =>
                {
                    StoreStan(tx);
                    int uploaded = AcquirerStore.UploadCount(tx, Tid, batch);
                    if (!AcquirerStore.EndSettlement(tx, Tid, batch, uploaded))
                    {
                        _note = " (no unbalanced settlement open for the batch)";
                        return "12";
                    }

                    AcquirerStore.NextBatch(tx, Tid, batch);
                    long announced = _req.Has(Field.AdditionalData) ? _req.GetNumber(Field.AdditionalData) : uploaded;
                    _resp.CopyField(_req, Field.AdditionalData);
                    _note = $" (settlement end: {uploaded} uploaded, terminal says {announced})";
                    return announced == uploaded ? "00" : "95";
                });
            }

            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                string? rrn = _req.GetString(Field.Rrn);
                var (original, originalStan) = Original(tx, batch);
                bool isNew = AcquirerStore.AddBatchUpload(tx, Tid, batch, (int)_req.GetNumber(Field.Stan), _req.GetString(Field.ProcessingCode) ?? string.Empty,
                    Math.Max(0, _req.GetNumber(Field.Amount)), rrn, originalStan, original?.Id);
                _note = (isNew ? " (uploaded" : " (repeated upload") + (original == null ? ", unknown to host)" : ")");
                return "00";
            });
        }

        // F52: decrypts the PIN block (under the terminal's PIK, or the DUKPT key for the KSN in F62 when F53's
        // fourth digit is 1), opens the format 0 block with the PAN and compares the PIN with the test PIN.
        // Null when right; 55 wrong PIN; 99 a block that does not open. Neither PIN nor block is ever logged.
        private string? PinProblem()
        {
            string control = _req.GetString(Field.SecurityControl) ?? string.Empty;
            byte[] block = new byte[8];
            byte[] key = new byte[16];
            byte[] clear = new byte[8];
            byte[] ipek = new byte[16];
            byte[] bdk = _host._rules.DukptBdk;
            try
            {
                if (_req.GetBytes(Field.PinBlock, block, 0) != 8 || control.Length != 16 || control[0] != '2')
                {
                    _note = " (PIN block format not supported)";
                    return "99";
                }

                var crypto = new HostCrypto();
                if (control[3] == '1')
                {
                    byte[] ksn = new byte[10];
                    if (_req.GetLength(Field.PrivateData) != 10 || _req.GetBytes(Field.PrivateData, ksn, 0) != 10)
                    {
                        _note = " (DUKPT PIN block without a KSN)";
                        return "99";
                    }

                    var dukpt = new Terminal.Core.Security.Dukpt(crypto);
                    dukpt.InitialKey(bdk, 0, ksn, 0, ipek, 0);
                    dukpt.TransactionKey(ipek, 0, ksn, 0, key, 0);
                    Terminal.Core.Security.Dukpt.PinVariant(key, 0);
                }
                else if (_terminal!.Pik is { Length: 16 } pik)
                {
                    pik.CopyTo(key, 0);
                }
                else
                {
                    _note = " (no PIK: sign in again)";
                    return "99";
                }

                crypto.DesBlock(false, key, 0, 16, block, 0, clear, 0);
                string pan = _req.Has(Field.Pan) ? _req.GetString(Field.Pan)! : (_track2 ?? _req.GetString(Field.Track2) ?? string.Empty).Split('D', '=')[0];
                bool? right = PinMatches(clear, pan, _host._rules.Pin);
                if (right == null)
                {
                    _note = " (PIN block does not open)";
                    return "99";
                }

                _note = right.Value ? " (PIN verified)" : " (wrong PIN)";
                return right.Value ? null : "55";
            }
            finally
            {
                Array.Clear(block);
                Array.Clear(key);
                Array.Clear(clear);
                Array.Clear(ipek);
                Array.Clear(bdk);
            }
        }

        // ISO 9564 format 0: XOR the PAN field back out, then 0, length, digits, F padding. Null when malformed.
        private static bool? PinMatches(byte[] clear, string pan, string expected)
        {
            if (pan.Length < 13 || !pan.All(char.IsAsciiDigit))
            {
                return null;
            }

            string pan12 = pan.Substring(pan.Length - 13, 12);
            Span<int> nibbles = stackalloc int[16];
            for (int i = 0; i < 16; i++)
            {
                int panNibble = i < 4 ? 0 : pan12[i - 4] - '0';
                int blockNibble = (i % 2 == 0 ? clear[i / 2] >> 4 : clear[i / 2]) & 0xF;
                nibbles[i] = blockNibble ^ panNibble;
            }

            int length = nibbles[1];
            if (nibbles[0] != 0 || length < 4 || length > 12)
            {
                return null;
            }

            bool same = length == expected.Length;
            for (int i = 0; i < 14; i++)
            {
                int n = nibbles[2 + i];
                if (i < length ? n > 9 : n != 0xF)
                {
                    return null;
                }

                if (i < length && same && n != expected[i] - '0')
                {
                    same = false;
                }
            }

            nibbles.Clear();
            return same;
        }

        private static BatchTotals ParseTotals(string digits, int at) => new(
            int.Parse(digits.AsSpan(at + 12, 3), CultureInfo.InvariantCulture),
            long.Parse(digits.AsSpan(at, 12), CultureInfo.InvariantCulture),
            int.Parse(digits.AsSpan(at + 27, 3), CultureInfo.InvariantCulture),
            long.Parse(digits.AsSpan(at + 15, 12), CultureInfo.InvariantCulture));

        private void Record(string kind, long amount, string rc, string status, string? originalRrn) =>
            _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                RecordIn(tx, kind, amount, rc, status, originalRrn);
                return 0;
            });

        private void RecordIn(SqliteTransaction tx, string kind, long amount, string rc, string status, string? originalRrn, string? originalPan = null)
        {
            string rrn = AcquirerStore.NextSequence(tx, "rrn").ToString("D12", CultureInfo.InvariantCulture);
            string? auth = rc == "00" ? (_host._random?.Next(0, 1_000_000) ?? System.Security.Cryptography.RandomNumberGenerator.GetInt32(0, 1_000_000)).ToString("D6", CultureInfo.InvariantCulture) : null;
            string? track2 = _track2 ?? _req.GetString(Field.Track2);
            string? pan = _req.Has(Field.Pan) ? MaskPan(_req.GetString(Field.Pan)!) : track2 != null ? MaskPan(track2.Split('D', '=')[0]) : originalPan;

            // A refund by reference carries no card: it goes back to the original's card, which settles in that card's part.
            pan ??= originalRrn != null ? AcquirerStore.FindByRrn(tx, Tid, originalRrn)?.MaskedPan : null;
            AcquirerStore.AddAuthorization(tx, new AuthorizationRecord(
                0, Tid, kind, _req.Mti, _req.GetString(Field.ProcessingCode) ?? string.Empty, (int)Math.Max(0, _req.GetNumber(Field.Stan)), BatchOfRequest(),
                Math.Max(0, amount), pan, rrn, auth, rc, LocalDate, status, originalRrn));
            _resp.Set(Field.Rrn, rrn);
            if (auth != null)
            {
                _resp.Set(Field.AuthCode, auth);
            }
        }

        private void StoreStan(SqliteTransaction tx)
        {
            long stan = _req.GetNumber(Field.Stan);
            if (stan >= 0)
            {
                AcquirerStore.SetLastStan(tx, Tid, (int)stan);
            }
        }

        private int BatchOfRequest()
        {
            long batch = SubfieldNumber(Field.MessageInfo, 2);
            return batch >= 0 ? (int)batch : _terminal?.BatchNumber ?? 0;
        }

        // F60/F61 sub-fields; a profile without sub-field tables (ascii87) carries the same digits as text.
        private string? Subfield(int field, int index)
        {
            byte[]? widths = _host._profile.SubfieldWidths(field)
                ?? (field == Field.MessageInfo ? CupProfile.Field60Widths : field == Field.OriginalData ? CupProfile.Field61Widths : null);
            string? value = _req.GetString(field);
            if (widths == null || value == null || index < 1 || index > widths.Length)
            {
                return null;
            }

            int start = 0;
            for (int i = 0; i < index - 1; i++)
            {
                start += widths[i];
            }

            return start + widths[index - 1] <= value.Length ? value.Substring(start, widths[index - 1]) : null;
        }

        private long SubfieldNumber(int field, int index) =>
            long.TryParse(Subfield(field, index), NumberStyles.None, CultureInfo.InvariantCulture, out long v) ? v : -1;

        private bool MacValid(byte[] mak)
        {
            var received = new byte[CupMac.Length];
            if (_req.GetBytes(Field.Mac, received, 0) != CupMac.Length)
            {
                return false;
            }

            return _host._mac.Verify(mak, 0, mak.Length, _reqBuffer, _reqOffset + _req.MacInputOffset, _req.MacInputLength, received, 0);
        }

        private void MakePreamble()
        {
            if (_preamble.Length == 0)
            {
                return;
            }

            _req.GetPreamble(_preamble, 0);
            if (_host._profile.TpduLength >= 5)
            {
                // TPDU: id, destination (2), source (2); the reply goes back the other way.
                (_preamble[1], _preamble[3]) = (_preamble[3], _preamble[1]);
                (_preamble[2], _preamble[4]) = (_preamble[4], _preamble[2]);
            }

            _resp.SetPreamble(_preamble, 0);
        }

        private void Echo(params int[] fields)
        {
            foreach (int f in fields)
            {
                if (_req.Has(f) && _host._profile.IsDefined(f))
                {
                    _resp.CopyField(_req, f);
                }
            }
        }

        private byte[] Pack(bool corruptMac)
        {
            var buffer = new byte[MaxMessage];
            int n;
            if (_responseMak == null)
            {
                _resp.Remove(Field.Mac);
                n = _host._codec.Pack(_resp, buffer, 0);
            }
            else
            {
                var mac = new byte[CupMac.Length];
                _resp.Set(Field.Mac, mac, 0, mac.Length);
                n = _host._codec.Pack(_resp, buffer, 0);
                if (n > 0)
                {
                    _host._mac.Compute(_responseMak, 0, _responseMak.Length, buffer, _resp.MacInputOffset, _resp.MacInputLength, mac, 0);
                    if (corruptMac)
                    {
                        mac[0] ^= 0x01;
                    }

                    n = _host._codec.Pack(_resp, buffer, 0);
                }
            }

            if (n < 0)
            {
                throw new InvalidOperationException("response does not pack: " + _resp.LastError.Message);
            }

            return buffer[..n];
        }
    }
}
