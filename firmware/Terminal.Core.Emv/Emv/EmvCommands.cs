namespace Terminal.Core.Emv
{
    /// <summary>
    /// The command APDUs of an EMV read (EMV Book 3, 6.5), written into the caller's buffer: SELECT, READ RECORD,
    /// GET PROCESSING OPTIONS and GENERATE AC with their DOL data. Each returns the command length, or -1 when the
    /// card's DOL is not a valid data object list.
    /// </summary>
    public static class EmvCommands
    {
        /// <summary>SELECT by name (00 A4 04 P2): P2 00 for the first occurrence, 02 for the next one.</summary>
        public static int Select(byte[] command, byte[] name, int offset, int length, bool nextOccurrence)
        {
            int p = 0;
            command[p++] = 0x00;
            command[p++] = 0xA4;
            command[p++] = 0x04;
            command[p++] = nextOccurrence ? (byte)0x02 : (byte)0x00;
            command[p++] = (byte)length;
            for (int i = 0; i < length; i++)
            {
                command[p++] = name[offset + i];
            }

            command[p++] = 0x00;
            return p;
        }

        /// <summary>READ RECORD (00 B2) of <paramref name="record"/> in the file with short identifier <paramref name="sfi"/>.</summary>
        public static int ReadRecord(byte[] command, int record, int sfi)
        {
            command[0] = 0x00;
            command[1] = 0xB2;
            command[2] = (byte)record;
            command[3] = (byte)((sfi << 3) | 0x04);
            command[4] = 0x00;
            return 5;
        }

        /// <summary>GET PROCESSING OPTIONS (80 A8) with template 83 holding the PDOL (9F38) data from <paramref name="store"/> (empty without a PDOL).</summary>
        public static int GetProcessingOptions(byte[] command, EmvDataStore store)
        {
            int pdolLength = store.Find(EmvTag.Pdol, out int pdolOffset);
            int dataLength = 0;
            if (pdolLength > 0)
            {
                dataLength = Dol.Build(store.Buffer, pdolOffset, pdolLength, store, command, 7, 250);
                if (dataLength < 0)
                {
                    return -1;
                }
            }

            command[0] = 0x80;
            command[1] = 0xA8;
            command[2] = 0x00;
            command[3] = 0x00;
            command[4] = (byte)(dataLength + 2);
            command[5] = EmvTag.CommandTemplate;
            command[6] = (byte)dataLength;
            command[7 + dataLength] = 0x00;
            return 8 + dataLength;
        }

        /// <summary>GENERATE AC (80 AE) asking for the cryptogram type <paramref name="p1"/> with the data of the DOL held under <paramref name="dolTag"/> (CDOL1 or CDOL2).</summary>
        public static int GenerateAc(byte[] command, int p1, int dolTag, EmvDataStore store)
        {
            int dolLength = store.Find(dolTag, out int dolOffset);
            int dataLength = dolLength < 0 ? -1 : Dol.Build(store.Buffer, dolOffset, dolLength, store, command, 5, 250);
            if (dataLength < 0)
            {
                return -1;
            }

            command[0] = 0x80;
            command[1] = 0xAE;
            command[2] = (byte)p1;
            command[3] = 0x00;
            command[4] = (byte)dataLength;
            command[5 + dataLength] = 0x00;
            return 6 + dataLength;
        }
    }
}
