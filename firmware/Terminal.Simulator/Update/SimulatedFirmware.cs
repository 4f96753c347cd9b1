using System.Text;

namespace Terminal.Simulator.Update;

/// <summary>
/// What a firmware image's payload is in the simulator: a text naming the version, then filler bytes so an
/// image spans many download chunks. A payload containing <see cref="FailSelfCheckMarker"/> fails its boot
/// self-check, as a broken build would, so rollback can be shown.
/// </summary>
public static class SimulatedFirmware
{
    /// <summary>Text that makes the image fail its boot self-check.</summary>
    public const string FailSelfCheckMarker = "fail-selfcheck";

    /// <summary>A payload for <paramref name="versionText"/> of about <paramref name="size"/> bytes (deterministic filler).</summary>
    public static byte[] Payload(string versionText, bool failSelfCheck = false, int size = 6000)
    {
        byte[] text = Encoding.ASCII.GetBytes("Terminal simulated firmware " + versionText + "\n" + (failSelfCheck ? FailSelfCheckMarker + "\n" : string.Empty));
        var payload = new byte[Math.Max(size, text.Length)];
        text.CopyTo(payload, 0);
        uint x = 2463534242;
        for (int i = text.Length; i < payload.Length; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            payload[i] = (byte)x;
        }

        return payload;
    }

    /// <summary>The simulated firmware's boot self-check over its own payload: passes unless the payload carries the failure marker.</summary>
    public static bool SelfCheckPasses(ReadOnlySpan<byte> payload) => payload.IndexOf(Encoding.ASCII.GetBytes(FailSelfCheckMarker)) < 0;
}
