using Terminal.Core.Emv;
using Terminal.Core.Payments;

namespace Terminal.Core.App
{
    /// <summary>
    /// What the journal keeps of an inserted card (<see cref="ChipData"/>), copied out of the contact kernel's data
    /// store: the application, 5F34, AIP, CVM results, TVR, TSI, ATC, the unpredictable number, the issuer application
    /// data and the cryptograms. Never the PAN or the track 2 equivalent data.
    /// </summary>
    public static class InsertedCard
    {
        /// <summary>Fills <paramref name="chip"/> with the first GENERATE AC's data (the card asked to go online).</summary>
        public static void TakeOnline(EmvDataStore store, ChipData chip)
        {
            int at;
            int n = store.Find(EmvTag.DfName, out at);
            if (n <= 0)
            {
                n = store.Find(EmvTag.Aid, out at);
            }

            chip.SetAid(store.Buffer, at, n > 0 ? n : 0);
            chip.Label = Label(store);
            n = store.Find(EmvTag.PanSequence, out at);
            int b = n == 1 ? store.Buffer[at] : -1;
            chip.PanSequence = b >= 0 && (b >> 4) < 10 && (b & 0x0F) < 10 ? ((b >> 4) * 10) + (b & 0x0F) : ChipData.NoSequence;
            chip.Aip = Number(store, EmvTag.Aip, 2);
            chip.CvmResults = Number(store, EmvTag.CvmResults, 3);
            Copy(store, EmvTag.UnpredictableNumber, chip.UnpredictableNumber, 4);
            n = store.Find(EmvTag.Iad, out at);
            chip.SetIad(store.Buffer, at, n > 0 ? n : 0);
            Copy(store, EmvTag.Cryptogram, chip.Arqc, 8);
            TakeState(store, chip);
            chip.FinalCid = CryptogramKind.None;
            chip.ScriptResultsLength = 0;
        }

        /// <summary>Fills <paramref name="chip"/>'s completion part after the second GENERATE AC: 9F27, 9F26, TVR, TSI, DF31.</summary>
        public static void TakeCompletion(EmvDataStore store, ChipData chip)
        {
            int at;
            int n = store.Find(EmvTag.CryptogramInfo, out at);
            if (n == 1)
            {
                chip.FinalCid = store.Buffer[at];
            }

            Copy(store, EmvTag.Cryptogram, chip.FinalCryptogram, 8);
            TakeState(store, chip);
            n = store.Find(EmvTag.ScriptResults, out at);
            chip.SetScriptResults(store.Buffer, at, n > 0 ? n : 0);
        }

        private static void TakeState(EmvDataStore store, ChipData chip)
        {
            Copy(store, EmvTag.Tvr, chip.Tvr, 5);
            chip.Tsi = Number(store, EmvTag.Tsi, 2);
            chip.Atc = Number(store, EmvTag.Atc, 2);
        }

        // The application preferred name (9F12) where printable ASCII, else the label (50), at most 16 characters.
        private static string Label(EmvDataStore store)
        {
            int at;
            int n = store.Find(EmvTag.PreferredName, out at);
            if (n <= 0 || !Printable(store.Buffer, at, n))
            {
                n = store.Find(EmvTag.ApplicationLabel, out at);
            }

            if (n <= 0 || !Printable(store.Buffer, at, n))
            {
                return string.Empty;
            }

            n = n > ChipData.MaxLabel ? ChipData.MaxLabel : n;
            char[] text = new char[n];
            for (int i = 0; i < n; i++)
            {
                text[i] = (char)store.Buffer[at + i];
            }

            return new string(text);
        }

        private static bool Printable(byte[] b, int at, int n)
        {
            for (int i = 0; i < n; i++)
            {
                if (b[at + i] < 0x20 || b[at + i] > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        // A big-endian value of exactly `size` bytes, 0 when absent or of another length.
        private static int Number(EmvDataStore store, int tag, int size)
        {
            int at;
            int n = store.Find(tag, out at);
            if (n != size)
            {
                return 0;
            }

            int v = 0;
            for (int i = 0; i < n; i++)
            {
                v = (v << 8) | store.Buffer[at + i];
            }

            return v;
        }

        private static void Copy(EmvDataStore store, int tag, byte[] destination, int size)
        {
            int at;
            int n = store.Find(tag, out at);
            if (n == size)
            {
                System.Array.Copy(store.Buffer, at, destination, 0, size);
            }
            else
            {
                System.Array.Clear(destination, 0, size);
            }
        }
    }
}
