using System.Globalization;
using AcquirerHost.Store;
using Microsoft.Data.Sqlite;
using Terminal.Core.Messages.Iso8583;

namespace AcquirerHost.Processing;

/// <summary>
/// The pre-authorization family at the host (docs/pre-authorization.md): a pre-auth (0100, 60.1 = 10) places a hold on
/// the card's account (<see cref="HoldBook"/>) and is declined 51 when the available balance does not cover it; its
/// void (0100, 60.1 = 11) releases it; a completion request (0200, 60.1 = 20) or advice (0220, 60.1 = 24) finds its
/// pre-auth by F38 and F61.3 (the date), releases the hold and charges up to 115% of it; a completion void (0200,
/// 60.1 = 21) undoes the charge and places the hold again. Wrong originals: 25 not found, 12 not in a state to act
/// on (voided, completed, reversed), 64 a void's amount not the original's, 61 a completion above the limit.
/// </summary>
public sealed partial class MessageProcessor
{
    private sealed partial class Exchange
    {
        // The family's requests after a pre-auth (by F60.1); null for any other (the caller's dispatch goes on, and
        // sends every other 0100 to PlacePreAuth).
        private string? PreAuthFamily(int mti, string pc, string type, string? decline) => (mti, type) switch
        {
            (100, "11") => VoidPreAuth(decline),
            (200, "20") => Complete("completion", decline),
            (220, "24") => Complete("advice", decline),
            (200, "21") => VoidCompletion(decline),
            _ => null,
        };

        // The available balance a balance inquiry answers: the rule book's balance less the holds on the card.
        private long AvailableBalance() => _host._store.InTransaction(tx =>
        {
            string? pan = CardPan();
            return HoldBook.Available(_host._rules.Balance, pan == null ? [] : AcquirerStore.PreAuthAmounts(tx, MaskPan(pan)));
        });

        private string PlacePreAuth(string? decline)
        {
            long amount = _req.GetNumber(Field.Amount);
            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                string? pan = CardPan();
                string rc = decline ?? (amount <= 0 ? "13" : ChipProblem() ?? "00");
                if (rc == "00" && pan != null)
                {
                    long available = HoldBook.Available(_host._rules.Balance, AcquirerStore.PreAuthAmounts(tx, MaskPan(pan)));
                    if (HoldBook.Hold(amount) > available)
                    {
                        rc = "51";
                        _note = $" (hold {HoldBook.Hold(amount)} above available {available})";
                    }
                    else
                    {
                        _note += $" (hold {HoldBook.Hold(amount)} placed)";
                    }
                }

                RecordIn(tx, "preauth", amount, rc, rc == "00" ? "approved" : "declined", null);
                return rc;
            });
        }

        private string VoidPreAuth(string? decline)
        {
            long amount = _req.GetNumber(Field.Amount);
            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                var original = PreAuthOf(tx);
                string rc = OriginalProblem(original, "preauth") ?? (amount != original!.Amount ? "64" : decline ?? "00");
                if (rc == "64")
                {
                    _note = " (amount differs from the pre-auth)";
                }

                RecordIn(tx, "preauthvoid", amount, rc, rc == "00" ? "approved" : "declined", original?.Rrn, original?.MaskedPan);
                if (rc == "00")
                {
                    AcquirerStore.SetStatus(tx, original!.Id, "voided");
                    _note = $" (hold of {original.Rrn} released)";
                }

                return rc;
            });
        }

        private string Complete(string kind, string? decline)
        {
            long amount = _req.GetNumber(Field.Amount);
            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                var original = PreAuthOf(tx);
                string? rc = OriginalProblem(original, "preauth");
                if (rc == null && (amount <= 0 || amount > HoldBook.CompletionLimit(original!.Amount)))
                {
                    rc = amount <= 0 ? "13" : "61";
                    _note = $" (above the completion limit {HoldBook.CompletionLimit(original!.Amount)})";
                }

                rc ??= decline ?? "00";
                RecordIn(tx, kind, amount, rc, rc == "00" ? "approved" : "declined", original?.Rrn, original?.MaskedPan);
                if (rc == "00")
                {
                    AcquirerStore.SetStatus(tx, original!.Id, "completed");
                    _note = $" (hold of {original.Rrn} released, {amount} charged)";
                }

                return rc;
            });
        }

        private string VoidCompletion(string? decline)
        {
            long amount = _req.GetNumber(Field.Amount);
            string rrn = _req.GetString(Field.Rrn) ?? string.Empty;
            return _host._store.InTransaction(tx =>
            {
                StoreStan(tx);
                var original = AcquirerStore.FindByRrn(tx, Tid, rrn);
                string? rc = original != null && original.Kind == "advice" ? OriginalProblem(original, "advice") : OriginalProblem(original, "completion");
                rc ??= amount != original!.Amount ? "64" : decline ?? "00";
                RecordIn(tx, "completionvoid", amount, rc, rc == "00" ? "approved" : "declined", original?.Rrn, original?.MaskedPan);
                if (rc == "00")
                {
                    AcquirerStore.SetStatus(tx, original!.Id, "voided");
                    RestorePreAuth(tx, original, "approved");
                    _note = $" (completion {original.Rrn} voided, hold placed again)";
                }

                return rc;
            });
        }

        // The pre-auth a request refers to: by F37 when sent, else by F38 and the date in F61.3.
        private AuthorizationRecord? PreAuthOf(SqliteTransaction tx)
        {
            string? rrn = _req.GetString(Field.Rrn);
            if (rrn != null)
            {
                return AcquirerStore.FindByRrn(tx, Tid, rrn);
            }

            string? auth = _req.GetString(Field.AuthCode);
            string? date = Subfield(Field.OriginalData, 3);
            return auth == null || date == null ? null : AcquirerStore.FindByAuthCode(tx, Tid, "preauth", auth, date);
        }

        // 25 when there is no such original (or of another kind, or its auth code differs from F38); 12 when it is
        // not approved (voided, completed, reversed, declined); null when it can be acted on.
        private string? OriginalProblem(AuthorizationRecord? original, string kind)
        {
            string? auth = _req.GetString(Field.AuthCode);
            if (original == null || original.Kind != kind || (auth != null && kind == "preauth" && original.AuthCode != auth))
            {
                _note = " (original not found)";
                return "25";
            }

            if (original.Status != "approved")
            {
                _note = $" (original {original.Status})";
                return "12";
            }

            return null;
        }

        // A completion voided or reversed gives its pre-auth back (the hold again); a completion void reversed uses it again.
        private void RestorePreAuth(SqliteTransaction tx, AuthorizationRecord completion, string status)
        {
            var preAuth = completion.OriginalRrn == null ? null : AcquirerStore.FindByRrn(tx, Tid, completion.OriginalRrn);
            if (preAuth != null && preAuth.Kind == "preauth")
            {
                AcquirerStore.SetStatus(tx, preAuth.Id, status);
            }
        }

        // What reversing an approved request of the family undoes (its own status already set to reversed).
        private void UndoPreAuthFamily(SqliteTransaction tx, AuthorizationRecord original)
        {
            switch (original.Kind)
            {
                case "preauthvoid":
                    SetOriginal(tx, original.OriginalRrn, "voided", "approved");
                    break;
                case "completion":
                    RestorePreAuth(tx, original, "approved");
                    break;
                case "completionvoid":
                    var completion = original.OriginalRrn == null ? null : AcquirerStore.FindByRrn(tx, Tid, original.OriginalRrn);
                    if (completion != null && completion.Status == "voided")
                    {
                        AcquirerStore.SetStatus(tx, completion.Id, "approved");
                        RestorePreAuth(tx, completion, "completed");
                    }

                    break;
            }
        }

        private void SetOriginal(SqliteTransaction tx, string? rrn, string from, string to)
        {
            var row = rrn == null ? null : AcquirerStore.FindByRrn(tx, Tid, rrn);
            if (row != null && row.Status == from)
            {
                AcquirerStore.SetStatus(tx, row.Id, to);
            }
        }
    }
}
