using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Drivers.Simulated.Contactless;

namespace Terminal.Simulator.Board;

/// <summary>Magnetic-stripe test cards: the same public test PANs as the contactless test cards, and the stripes of the contact chip cards.</summary>
public static class TestCards
{
    /// <summary>Test cards whose swipe asks for an online PIN (service code third digit 0).</summary>
    public static readonly string[] PinCards = ["unionpay-pin"];

    /// <summary>Track 2 (digits and '=') of a named test card, or the argument itself when it is a track 2.</summary>
    public static string Track2(string cardOrTrack2) => cardOrTrack2 switch
    {
        // Stripe-only cards (service code 1xx), so the chip-first rule lets their swipe through.
        "visa" => EmvTestCards.VisaPan + "=2812101" + "0000000000",
        "mastercard" => EmvTestCards.MastercardPan + "=2812101" + "0000000000",
        "unionpay" => EmvTestCards.UnionPayPan + "=2812101" + "0000000000",

        // Service code 120: stripe only, online authorization, PIN required (third digit 0): the terminal asks for a PIN.
        "unionpay-pin" => EmvTestCards.UnionPayPan + "=2812120" + "0000000000",

        // The stripes of the contact chip cards (service codes 220, 620, 201): chip-first applies to them.
        _ when ContactEmvTestCards.IsName(cardOrTrack2) => ContactEmvTestCards.MagstripeTrack2(cardOrTrack2),
        _ => cardOrTrack2,
    };

    /// <summary>Whether the text names a test card or looks like a track 2.</summary>
    public static bool IsCardOrTrack2(string text) =>
        text is "visa" or "mastercard" or "unionpay" or "unionpay-pin" || ContactEmvTestCards.IsName(text)
        || (text.Contains('=', StringComparison.Ordinal) && text.All(c => char.IsAsciiDigit(c) || c == '='));
}
