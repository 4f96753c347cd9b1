using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Core.Tests.Payments;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Flows;

/// <summary>Sign-in 004 against a scripted host: F62 of 60 bytes with PIK, MAK and TDK, each behind its check value.</summary>
public class SignInTrackKeyTests
{
    private static readonly HostCrypto Crypto = new();
    private static readonly byte[] Tmk = Convert.FromHexString("70F2A84CCBC2AE8625CBB0F2C22AB923");
    private static readonly byte[] Pik = Convert.FromHexString("1313131313131313E5E5E5E5E5E5E5E5");
    private static readonly byte[] Tdk = Convert.FromHexString("4C4C4C4C4C4C4C4C9797979797979797");

    private sealed class Outcome : ISignInObserver
    {
        public bool? Success { get; private set; }

        public string Message { get; private set; } = string.Empty;

        public void OnSignInDone(bool success, string message) => (Success, Message) = (success, message);
    }

    private static byte[] Slot(byte[] key, byte[]? zeroHalf = null)
    {
        var slot = new byte[key.Length + (zeroHalf?.Length ?? 0) + 4];
        for (int i = 0; i < key.Length; i += 8)
        {
            Crypto.DesBlock(true, Tmk, 0, 16, key, i, slot, i);
        }

        var cv = new byte[8];
        Crypto.DesBlock(true, key, 0, key.Length, new byte[8], 0, cv, 0);
        Array.Copy(cv, 0, slot, slot.Length - 4, 4);
        return slot;
    }

    private static (Outcome Outcome, MemoryKeyStore Keys, ScriptedHost Host) SignIn(byte[] field62, byte[]? macKey = null)
    {
        var rig = new FlowRig();
        var keys = new MemoryKeyStore();
        keys.Store(KeySlot.Tmk, Tmk, 0, 16);
        keys.Store(KeySlot.Tdk, Pik, 0, 16); // a TDK of an earlier sign-in
        rig.Host.Answer = r =>
        {
            byte[] reply = rig.Host.Reply(r, "00", field62: field62);
            if (macKey != null)
            {
                // F64 (the last 8 bytes) again, under the MAK this answer hands out.
                Iso8583Profile profile = CupProfile.Create();
                var m = new Iso8583Message(profile);
                Assert.False(new Iso8583Codec(profile).Unpack(m, reply, 0, reply.Length).IsError);
                new CupMac(Crypto).Compute(macKey, 0, macKey.Length, reply, m.MacInputOffset, m.MacInputLength, reply, reply.Length - 8);
            }

            return reply;
        };
        var outcome = new Outcome();
        new SignInFlow(rig.Session, keys, Crypto, rig.Clock, new TerminalIdentity("12345678", "898310048990001")) { TimeoutMs = 2_000 }.Start(outcome);
        FlowRig.PollUntil(rig.Session, rig.Clock, () => outcome.Success != null, "sign-in never finished");
        return (outcome, keys, rig.Host);
    }

    private static byte[]? Load(MemoryKeyStore keys, int slot)
    {
        var buffer = new byte[24];
        int n = keys.Load(slot, buffer, 0);
        return n < 0 ? null : buffer[..n];
    }

    [Fact]
    public void The_request_asks_for_the_track_key_set_with_60_3_004()
    {
        var (_, _, host) = SignIn([.. Slot(Pik), .. Slot(ScriptedHost.Mak), .. Slot(Tdk)]);

        Assert.Equal("00000001004", Assert.Single(host.Requests).GetString(Field.MessageInfo)![..11]);
    }

    [Fact]
    public void A_60_byte_answer_stores_the_PIK_MAK_and_TDK_once_every_check_value_matches()
    {
        var (outcome, keys, _) = SignIn([.. Slot(Pik), .. Slot(ScriptedHost.Mak), .. Slot(Tdk)]);

        Assert.True(outcome.Success, outcome.Message);
        Assert.Equal("Signed in, batch 1", outcome.Message);
        Assert.Equal(Tdk, Load(keys, KeySlot.Tdk));
        Assert.Equal(ScriptedHost.Mak, Load(keys, KeySlot.Mak));
    }

    [Fact]
    public void A_track_key_whose_check_value_is_wrong_fails_the_sign_in_and_loads_no_key()
    {
        byte[] f62 = [.. Slot(Pik), .. Slot(ScriptedHost.Mak), .. Slot(Tdk)];
        f62[59] ^= 0x01;

        var (outcome, keys, _) = SignIn(f62);

        Assert.False(outcome.Success);
        Assert.Equal("Track key check value wrong: keys not loaded", outcome.Message);
        Assert.Null(Load(keys, KeySlot.Mak));
        Assert.Null(Load(keys, KeySlot.Pik));
        Assert.Equal(Pik, Load(keys, KeySlot.Tdk)); // the earlier one, untouched
    }

    [Fact]
    public void The_CUP_layout_of_an_8_byte_MAK_and_8_zero_bytes_gives_a_single_length_MAK()
    {
        byte[] mak8 = Convert.FromHexString("C24A8FB57AA20123");
        byte[] makSlot = Slot(mak8, new byte[8]); // the MAK under the TMK, 8 zero bytes, then its single-DES check value

        var (outcome, keys, _) = SignIn([.. Slot(Pik), .. makSlot, .. Slot(Tdk)], macKey: mak8);

        Assert.True(outcome.Success, outcome.Message);
        Assert.Equal(mak8, Load(keys, KeySlot.Mak));
    }

    [Fact]
    public void A_40_byte_answer_signs_in_without_a_track_key_and_erases_the_old_one()
    {
        var (outcome, keys, _) = SignIn([.. Slot(Pik), .. Slot(ScriptedHost.Mak)]);

        Assert.True(outcome.Success, outcome.Message);
        Assert.Equal("Signed in, batch 1 (no track key: tracks sent in clear)", outcome.Message);
        Assert.Null(Load(keys, KeySlot.Tdk));
    }
}
