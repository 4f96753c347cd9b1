using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Drivers.Simulated.Contactless;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Contact;

public class ContactEmvCardTests
{
    private const string Cdol1Data = "000000012800" + "000000000000" + "0156" + "0000000000" + "0156" + "261206" + "00" + "A1B2C3D4";
    private static readonly byte[] Approved = Ascii("00");

    private static byte[] Run(ContactEmvCard card, string hex)
    {
        ApduAnswer a = card.Process(Hex(hex));
        return a.Response;
    }

    private static string Sw(byte[] r) => Convert.ToHexString(r[^2..]);

    // SELECT the application, GPO with its PDOL, first GENERATE AC asking for an ARQC; returns the 77 template.
    private static byte[] ToFirstAc(ContactEmvCard card, string aid = ContactEmvTestCards.UnionPayDebitAid)
    {
        Assert.Equal("9000", Sw(Run(card, "00A40400" + (aid.Length / 2).ToString("X2") + aid + "00")));
        int pdol = card.Selected!.Pdol.Length > 0 ? ContactEmvApplication.DolLength(card.Selected.Pdol) : 0;
        Assert.Equal("9000", Sw(Run(card, "80A80000" + (pdol + 2).ToString("X2") + "83" + pdol.ToString("X2") + new string('0', pdol * 2) + "00")));
        byte[] r = Run(card, "80AE80001D" + Cdol1Data + "00");
        Assert.Equal("9000", Sw(r));
        return r;
    }

    private static byte[] Tag(byte[] template, int tag)
    {
        foreach (var (t, v) in Walk(template))
        {
            if (t == tag)
            {
                return v;
            }
        }

        throw new InvalidOperationException($"tag {tag:X} missing");
    }

    // A small BER-TLV walker that descends into constructed tags and fails on any length that overruns.
    private static IEnumerable<(int Tag, byte[] Value)> Walk(byte[] data)
    {
        int i = 0;
        var found = new List<(int, byte[])>();
        while (i < data.Length)
        {
            int start = i;
            int tag = data[i++];
            if ((tag & 0x1F) == 0x1F)
            {
                do
                {
                    tag = (tag << 8) | data[i];
                }
                while ((data[i++] & 0x80) != 0);
            }

            int len = data[i++];
            if (len == 0x81)
            {
                len = data[i++];
            }

            Assert.True(i + len <= data.Length, $"tag {tag:X} at {start} overruns");
            byte[] value = data[i..(i + len)];
            found.Add((tag, value));
            bool constructed = (((tag >> (8 * ((BitLength(tag) - 1) / 8))) & 0x20) != 0);
            if (constructed)
            {
                found.AddRange(Walk(value));
            }

            i += len;
        }

        return found;
    }

    private static int BitLength(int tag) => tag > 0xFFFF ? 24 : tag > 0xFF ? 16 : 8;

    [Fact]
    public void The_PSE_directory_lists_each_application_in_a_record_of_SFI_1()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-dual");

        byte[] fci = Run(card, "00A404000E315041592E5359532E444446303100");
        byte[] first = Run(card, "00B2010C00");
        byte[] second = Run(card, "00B2020C00");

        Assert.Equal("01", Convert.ToHexString(Tag(fci[..^2], 0x88)));
        Assert.Equal(ContactEmvTestCards.UnionPayDebitAid, Convert.ToHexString(Tag(first[..^2], 0x4F)));
        Assert.Equal(ContactEmvTestCards.UnionPayCreditAid, Convert.ToHexString(Tag(second[..^2], 0x4F)));
        Assert.Equal("6A83", Sw(Run(card, "00B2030C00")));
    }

    [Fact]
    public void The_dual_card_asks_the_cardholder_to_choose_through_bit_8_of_its_priorities()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-dual");

        Assert.All(card.Applications, a => Assert.Equal(0x80, a.Priority & 0x80));
    }

    [Fact]
    public void Partial_selection_finds_debit_then_credit_with_next_occurrence()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-dual");

        Assert.Equal("9000", Sw(Run(card, "00A4040007A000000333010100")));
        Assert.Equal(ContactEmvTestCards.UnionPayDebitAid, card.Selected!.Aid);
        Assert.Equal("9000", Sw(Run(card, "00A4040207A000000333010100")));
        Assert.Equal(ContactEmvTestCards.UnionPayCreditAid, card.Selected!.Aid);
        Assert.Equal("6A82", Sw(Run(card, "00A4040207A000000333010100")));
    }

    [Theory]
    [InlineData("unionpay-debit", ContactEmvTestCards.UnionPayDebitAid, "220")]
    [InlineData("unionpay-credit", ContactEmvTestCards.UnionPayCreditAid, "620")]
    [InlineData("visa-chip", ContactEmvTestCards.VisaAid, "201")]
    public void Every_record_is_well_formed_and_carries_the_mandatory_data(string name, string aid, string serviceCode)
    {
        ContactEmvCard card = ContactEmvTestCards.Applet(name);
        ToFirstAc(card, aid);
        var tags = new Dictionary<int, byte[]>();
        foreach (var ((sfi, record), _) in card.Selected!.Records)
        {
            byte[] r = Run(card, "00B2" + record.ToString("X2") + ((sfi << 3) | 4).ToString("X2") + "00");
            Assert.Equal("9000", Sw(r));
            foreach (var (t, v) in Walk(r[..^2]))
            {
                tags[t] = v;
            }
        }

        foreach (int t in new[] { 0x5A, 0x5F24, 0x5F34, 0x57, 0x9F07, 0x9F08, 0x8E, 0x8C, 0x8D, 0x9F1F })
        {
            Assert.True(tags.ContainsKey(t), $"{name} lacks {t:X}");
        }

        string track2 = Convert.ToHexString(tags[0x57]);
        Assert.StartsWith(Convert.ToHexString(tags[0x5A]).TrimEnd('F'), track2);
        Assert.Equal(serviceCode, track2[(track2.IndexOf('D') + 5)..(track2.IndexOf('D') + 8)]);
        Assert.Equal(ContactEmvTestCards.MagstripeTrack2(name)[..^10].Replace('=', 'D'), track2[..(track2.IndexOf('D') + 8)]);
    }

    [Theory]
    [InlineData("unionpay-debit", ContactEmvTestCards.UnionPayDebitAid)]
    [InlineData("visa-chip", ContactEmvTestCards.VisaAid)]
    public void The_issuer_application_data_inner_lengths_match_what_follows(string name, string aid)
    {
        byte[] iad = Tag(ToFirstAc(ContactEmvTestCards.Applet(name), aid)[..^2], 0x9F10);

        int i = 0;
        while (i < iad.Length)
        {
            i += 1 + iad[i];
        }

        Assert.Equal(iad.Length, i);
    }

    [Fact]
    public void The_contactless_UnionPay_card_issuer_application_data_is_well_formed_too()
    {
        byte[] iad = Hex(EmvTestCards.UnionPay().Applications[0].Iad);

        Assert.Equal(7, iad[0]);
        Assert.Equal(10, iad[8]);
        Assert.Equal(19, iad.Length);
    }

    [Fact]
    public void The_first_GENERATE_AC_answers_an_ARQC_the_issuer_can_recompute()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-debit");

        byte[] r = ToFirstAc(card)[..^2];

        byte[] expected = EmvIssuerCrypto.Arqc(ContactEmvTestCards.IssuerMasterKey, ContactEmvTestCards.UnionPayDebitPan, 1, card.Atc, Hex(Cdol1Data), Hex("7C00"));
        Assert.Equal("80", Convert.ToHexString(Tag(r, 0x9F27)));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(Tag(r, 0x9F26)));
        Assert.Equal(card.Atc, (Tag(r, 0x9F36)[0] << 8) | Tag(r, 0x9F36)[1]);
    }

    [Fact]
    public void A_card_that_refuses_answers_an_AAC_at_the_first_GENERATE_AC()
    {
        byte[] r = ToFirstAc(ContactEmvTestCards.Applet("unionpay-refuses"))[..^2];

        Assert.Equal("00", Convert.ToHexString(Tag(r, 0x9F27)));
    }

    private static string SecondAc(ContactEmvCard card, byte[] issuerData, string arc = "3030")
    {
        byte[] r = Run(card, "80AE400015" + arc + Convert.ToHexString(issuerData) + "0000000000" + "A1B2C3D4" + "00");
        Assert.Equal("9000", Sw(r));
        return Convert.ToHexString(Tag(r[..^2], 0x9F27));
    }

    private static byte[] IssuerData(ContactEmvCard card, byte[]? arc = null) =>
        EmvIssuerCrypto.IssuerAuthenticationData(ContactEmvTestCards.IssuerMasterKey, card.Selected!.Pan, 1, card.Atc, card.LastArqc, arc ?? Approved);

    [Fact]
    public void A_good_ARPC_with_an_approval_gives_a_TC_at_the_second_GENERATE_AC()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-debit");
        ToFirstAc(card);

        Assert.Equal("40", SecondAc(card, IssuerData(card)));
        Assert.True(card.IssuerAuthenticated);
        Assert.Equal(card.Atc, card.LastOnlineAtc);
    }

    [Fact]
    public void A_wrong_ARPC_gives_an_AAC_even_when_the_host_approved()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-debit");
        ToFirstAc(card);
        byte[] data = IssuerData(card);
        data[0] ^= 0x01;

        Assert.Equal("00", SecondAc(card, data));
        Assert.True(card.IssuerAuthenticationFailed);
    }

    [Fact]
    public void A_host_decline_gives_an_AAC_even_with_a_good_ARPC()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-debit");
        ToFirstAc(card);

        Assert.Equal("00", SecondAc(card, IssuerData(card, Ascii("05")), arc: "3035"));
    }

    [Fact]
    public void The_card_that_declines_after_approval_answers_an_AAC_to_a_good_ARPC()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-declines");
        ToFirstAc(card);

        Assert.Equal("00", SecondAc(card, IssuerData(card)));
        Assert.True(card.IssuerAuthenticated);
    }

    [Fact]
    public void EXTERNAL_AUTHENTICATE_accepts_the_right_ARPC_and_refuses_a_wrong_one()
    {
        ContactEmvCard good = ContactEmvTestCards.Applet("unionpay-debit");
        ToFirstAc(good);
        ContactEmvCard bad = ContactEmvTestCards.Applet("unionpay-credit");
        ToFirstAc(bad, ContactEmvTestCards.UnionPayCreditAid);
        byte[] wrong = IssuerData(bad);
        wrong[7] ^= 0x80;

        Assert.Equal("9000", Sw(Run(good, "008200000A" + Convert.ToHexString(IssuerData(good)))));
        Assert.Equal("6300", Sw(Run(bad, "008200000A" + Convert.ToHexString(wrong))));
    }

    private static string Script(ContactEmvCard card, byte ins, byte p1, byte p2, byte[] data, bool breakMac = false)
    {
        byte[] command = EmvIssuerCrypto.ScriptCommand(ContactEmvTestCards.IssuerMacMasterKey, card.Selected!.Pan, 1, card.Atc, card.LastArqc, ins, p1, p2, data);
        if (breakMac)
        {
            command[^1] ^= 0x01;
        }

        return Sw(card.Process(command).Response);
    }

    [Fact]
    public void A_PUT_DATA_script_with_a_right_MAC_is_applied_and_counted()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-debit");
        ToFirstAc(card);

        Assert.Equal("9000", Script(card, 0xDA, 0x9F, 0x58, [0x05]));
        Assert.Equal("9F580105" + "9000", Convert.ToHexString(Run(card, "80CA9F5800")));
        Assert.Equal(1, card.ScriptsApplied);
    }

    [Fact]
    public void A_script_with_a_wrong_MAC_is_refused_and_counted_as_failed()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-debit");
        ToFirstAc(card);

        Assert.Equal("6988", Script(card, 0x1E, 0x00, 0x00, [], breakMac: true));
        Assert.False(card.ApplicationBlocked);
        Assert.Equal((0, 1), (card.ScriptsApplied, card.ScriptsFailed));
    }

    [Fact]
    public void APPLICATION_BLOCK_makes_the_next_selection_answer_6283_and_GPO_refuse()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-debit");
        ToFirstAc(card);
        SecondAc(card, IssuerData(card));

        Assert.Equal("9000", Script(card, 0x1E, 0x00, 0x00, []));
        card.Reset();

        Assert.Equal("6283", Sw(Run(card, "00A4040008A00000033301010100")));
        Assert.Equal("6985", Sw(Run(card, "80A8000010830E" + new string('0', 28) + "00")));
    }

    [Fact]
    public void PIN_UNBLOCK_restores_the_PIN_try_counter_read_by_GET_DATA()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-debit");
        ToFirstAc(card);

        Assert.Equal("63C2", Sw(Run(card, "0020008008249999FFFFFFFFFF")));
        Assert.Equal("63C1", Sw(Run(card, "0020008008249999FFFFFFFFFF")));
        Assert.Equal("9F170101" + "9000", Convert.ToHexString(Run(card, "80CA9F1700")));

        Assert.Equal("9000", Script(card, 0x24, 0x00, 0x00, []));

        Assert.Equal("9F170103" + "9000", Convert.ToHexString(Run(card, "80CA9F1700")));
    }

    [Fact]
    public void Scripts_are_refused_before_the_card_has_made_an_ARQC()
    {
        ContactEmvCard card = ContactEmvTestCards.Applet("unionpay-debit");
        Run(card, "00A4040008A00000033301010100");

        Assert.Equal("6985", Sw(card.Process(Hex("841E000004 01020304")).Response));
    }

    [Fact]
    public void The_card_key_has_odd_parity_and_differs_per_PAN_sequence_number()
    {
        byte[] a = EmvIssuerCrypto.CardKey(ContactEmvTestCards.IssuerMasterKey, ContactEmvTestCards.UnionPayDebitPan, 0);
        byte[] b = EmvIssuerCrypto.CardKey(ContactEmvTestCards.IssuerMasterKey, ContactEmvTestCards.UnionPayDebitPan, 1);

        Assert.All(a, x => Assert.Equal(1, System.Numerics.BitOperations.PopCount(x) % 2));
        Assert.NotEqual(Convert.ToHexString(a), Convert.ToHexString(b));
    }

    [Fact]
    public void A_whole_chip_transaction_runs_through_the_driver_on_the_chip_model()
    {
        foreach (string name in new[] { "unionpay-debit", "visa-chip" })
        {
            using var rig = new SlotRig();
            var card = rig.Insert(ContactEmvTestCards.Create(name));
            var applet = (ContactEmvCard)card.Application;
            Assert.True(rig.PowerOn() > 0);
            string aid = name == "visa-chip" ? ContactEmvTestCards.VisaAid : ContactEmvTestCards.UnionPayDebitAid;
            Assert.Equal("9000", Sw(rig.Apdu("00A40400" + (aid.Length / 2).ToString("X2") + aid + "00", out _)));
            int pdol = applet.Selected!.Pdol.Length > 0 ? ContactEmvApplication.DolLength(applet.Selected.Pdol) : 0;
            Assert.Equal("9000", Sw(rig.Apdu("80A80000" + (pdol + 2).ToString("X2") + "83" + pdol.ToString("X2") + new string('0', pdol * 2) + "00", out _)));
            byte[] first = rig.Apdu("80AE80001D" + Cdol1Data + "00", out _);
            Assert.Equal("80", Convert.ToHexString(Tag(first[..^2], 0x9F27)));
            byte[] second = rig.Apdu("80AE400015" + "3030" + Convert.ToHexString(IssuerData(applet)) + "0000000000A1B2C3D4" + "00", out _);

            Assert.Equal("40", Convert.ToHexString(Tag(second[..^2], 0x9F27)));
        }
    }
}
