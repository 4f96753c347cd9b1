using System.Globalization;
using AcquirerHost.Store;
using AcquirerHost.Tests.Support;

namespace AcquirerHost.Tests;

public sealed class PersistenceTests
{
    [Fact]
    public async Task A_restarted_host_keeps_keys_and_transactions_and_voids_a_sale_made_before()
    {
        var first = new HostFixture();
        string db = first.DatabasePath;
        byte[] mak;
        string rrn;
        string saleStan;
        await using (first)
        {
            using var t = first.Connect();
            t.SignIn();
            mak = t.Mak!;
            var sale = t.Sale(3300);
            rrn = t.Exchange(sale)!.GetString(Field.Rrn)!;
            saleStan = sale.GetString(Field.Stan)!;
        }

        await using var second = new HostFixture(databasePath: db);
        using var again = second.Connect();
        again.Mak = mak;
        again.Stan = 5;
        var voidRequest = again.Request(200, "200000", 3300, "23");
        voidRequest.Set(Field.Rrn, rrn);
        voidRequest.Set(Field.OriginalData, "000001" + saleStan);

        var r = again.Exchange(voidRequest)!;

        Assert.Equal("00", r.GetString(Field.ResponseCode));
        Assert.Equal("voided", second.Server.Store.Authorizations(HostFixture.Tid)[0].Status);
    }

    [Fact]
    public async Task A_restarted_host_continues_the_RRN_sequence()
    {
        var first = new HostFixture();
        string db = first.DatabasePath;
        long firstRrn;
        await using (first)
        {
            using var t = first.Connect();
            t.SignIn();
            firstRrn = long.Parse(t.Exchange(t.Sale(100))!.GetString(Field.Rrn)!, CultureInfo.InvariantCulture);
        }

        await using var second = new HostFixture(databasePath: db);
        using var again = second.Connect();
        again.SignIn();
        again.Stan = 10;
        long secondRrn = long.Parse(again.Exchange(again.Sale(100))!.GetString(Field.Rrn)!, CultureInfo.InvariantCulture);

        Assert.True(secondRrn > firstRrn);
    }

    [Fact]
    public void Opening_an_existing_database_again_keeps_its_schema_and_data()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("acquirer-").FullName, "host.db");
        using (var store = new AcquirerStore(path))
        {
            store.ProvisionTerminal("11112222", "123456789012345", HostFixture.Tmk);
        }

        using var reopened = new AcquirerStore(path);

        Assert.Equal(3, reopened.SchemaVersion); // the first schema, the track key, then chip_advices
        Assert.Equal("123456789012345", reopened.FindTerminal("11112222")!.Mid);
    }

    [Fact]
    public void The_database_runs_in_WAL_mode()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("acquirer-").FullName, "host.db");
        using var store = new AcquirerStore(path);

        Assert.Equal("wal", store.JournalMode);
    }

    [Fact]
    public async Task A_sale_is_on_disk_when_its_response_arrives()
    {
        await using var host = new HostFixture();
        using var t = host.Connect();
        t.SignIn();

        string rrn = t.Exchange(t.Sale(4321))!.GetString(Field.Rrn)!;

        // A second connection to the same file sees the committed row while the host still runs.
        using var reader = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + host.DatabasePath + ";Mode=ReadOnly;Pooling=False");
        reader.Open();
        using var cmd = reader.CreateCommand();
        cmd.CommandText = "SELECT amount FROM authorizations WHERE rrn = $rrn";
        cmd.Parameters.AddWithValue("$rrn", rrn);
        Assert.Equal(4321L, cmd.ExecuteScalar());
    }
}
