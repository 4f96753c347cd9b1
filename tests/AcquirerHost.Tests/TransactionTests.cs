using System.Globalization;
using AcquirerHost.Tests.Support;
using Terminal.Core.Messages.Iso8583;

namespace AcquirerHost.Tests;

public sealed class TransactionTests
{
    private static Iso8583Message Void(TestTerminal t, Iso8583Message sale, Iso8583Message saleResponse, long? amount = null)
    {
        var m = t.Request(200, "200000", amount ?? sale.GetNumber(Field.Amount), "23");
        m.Set(Field.Rrn, saleResponse.GetString(Field.Rrn)!);
        m.Set(Field.OriginalData, t.Batch.ToString("D6", CultureInfo.InvariantCulture) + sale.GetString(Field.Stan));
        return m;
    }

    private static Iso8583Message Refund(TestTerminal t, string rrn, string mmdd, long amount)
    {
        var m = t.Request(220, "200000", amount, "25");
        m.Set(Field.Rrn, rrn);
        m.Set(Field.OriginalData, "000000000000" + mmdd);
        return m;
    }

    [Fact]
    public async Task Sale_is_approved_with_RRN_auth_code_and_00()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(t.Sale(1000))!;

        Assert.Equal(210, r.Mti);
        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.Matches("^[0-9]{12}$", r.GetString(Field.Rrn));
        Assert.Matches("^[0-9]{6}$", r.GetString(Field.AuthCode));
        Assert.Equal(1000, r.GetNumber(Field.Amount));
        Assert.Equal(t.Stan, r.GetNumber(Field.Stan));
        Assert.True(t.ResponseMacValid(r));
    }

    [Fact]
    public async Task A_repeated_sale_gets_the_original_answer_and_is_authorized_once()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        byte[] sale = t.Pack(t.Sale(1000));
        t.SendBytes(sale);
        var first = t.Receive()!;

        t.SendBytes(sale);
        var again = t.Receive()!;

        Assert.Equal((first.GetString(Field.Rrn), first.GetString(Field.AuthCode), "00"), (again.GetString(Field.Rrn), again.GetString(Field.AuthCode), again.GetString(Field.ResponseCode)));
        Assert.Single(host.Server.Store.Authorizations(HostFixture.Tid));
    }

    [Fact]
    public async Task Sale_is_recorded_with_the_PAN_masked()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(t.Sale(1000, "6222020000001234567"))!;

        var a = Assert.Single(host.Server.Store.Authorizations(HostFixture.Tid));
        Assert.Equal(("sale", "approved", r.GetString(Field.Rrn), "622202*********4567"), (a.Kind, a.Status, a.Rrn, a.MaskedPan));
        Assert.Equal(t.Stan, host.Server.Store.FindTerminal(HostFixture.Tid)!.LastStan);
    }

    [Fact]
    public async Task Void_of_an_approved_sale_is_approved_and_voids_the_sale()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Sale(2500);
        var saleResponse = t.Exchange(sale)!;

        var r = t.Exchange(Void(t, sale, saleResponse))!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.Equal("voided", host.Server.Store.Authorizations(HostFixture.Tid)[0].Status);
    }

    [Fact]
    public async Task A_second_void_of_the_same_sale_is_refused_12()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Sale(2500);
        var saleResponse = t.Exchange(sale)!;
        t.Exchange(Void(t, sale, saleResponse));

        var r = t.Exchange(Void(t, sale, saleResponse))!;

        Assert.Equal("12", r.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task Void_of_an_unknown_RRN_is_refused_25()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var m = t.Request(200, "200000", 100, "23");
        m.Set(Field.Rrn, "999999999999");
        m.Set(Field.OriginalData, "000001000001");

        var r = t.Exchange(m)!;

        Assert.Equal("25", r.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task Refund_within_the_original_amount_is_approved_0230()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Exchange(t.Sale(5000))!;

        var r = t.Exchange(Refund(t, sale.GetString(Field.Rrn)!, sale.GetString(Field.LocalDate)!, 3000))!;

        Assert.Equal(230, r.Mti);
        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.Equal("refund", host.Server.Store.Authorizations(HostFixture.Tid)[1].Kind);
    }

    [Fact]
    public async Task Refund_above_what_is_left_of_the_original_is_refused_64()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Exchange(t.Sale(5000))!;
        t.Exchange(Refund(t, sale.GetString(Field.Rrn)!, sale.GetString(Field.LocalDate)!, 3000));

        var r = t.Exchange(Refund(t, sale.GetString(Field.Rrn)!, sale.GetString(Field.LocalDate)!, 2001))!;

        Assert.Equal("64", r.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task Refund_of_an_unknown_reference_is_refused_25()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        var r = t.Exchange(Refund(t, "000000000777", "0101", 100))!;

        Assert.Equal("25", r.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task Refund_with_the_wrong_original_date_is_refused_25()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var sale = t.Exchange(t.Sale(5000))!;
        string otherDay = sale.GetString(Field.LocalDate) == "0101" ? "0102" : "0101";

        var r = t.Exchange(Refund(t, sale.GetString(Field.Rrn)!, otherDay, 100))!;

        Assert.Equal("25", r.GetString(Field.ResponseCode));
    }

    [Fact]
    public async Task Pre_authorization_is_answered_0110_with_an_auth_code()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();
        var m = t.Request(100, "030000", 8800, "10");
        m.Set(Field.ConditionCode, "06");

        var r = t.Exchange(m)!;

        Assert.Equal(110, r.Mti);
        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.Matches("^[0-9]{6}$", r.GetString(Field.AuthCode));
        Assert.Equal("preauth", host.Server.Store.Authorizations(HostFixture.Tid)[0].Kind);
    }

    [Fact]
    public async Task Balance_inquiry_returns_the_configured_balance_in_F54()
    {
        await using var host = new HostFixture();
        host.Rules.Balance = 123456;
        using var t = host.Connect();
        t.SignIn();
        var m = t.Request(200, "310000", null, "01");
        m.Set(Field.Pan, "6222020000001234567");

        var r = t.Exchange(m)!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.Equal("1002156C000000123456", r.GetString(Field.Balance));
    }

    [Fact]
    public async Task A_request_before_sign_in_is_answered_77()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();

        var r = t.Exchange(t.Sale(100), mac: false)!;

        Assert.Equal("77", r.GetString(Field.ResponseCode));
        Assert.Empty(host.Server.Store.Authorizations(HostFixture.Tid));
    }
}
