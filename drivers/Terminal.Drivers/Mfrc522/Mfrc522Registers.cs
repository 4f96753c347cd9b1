namespace Terminal.Drivers.Contactless
{
    /// <summary>MFRC522 register addresses (NXP MFRC522 datasheet, section 9.2).</summary>
    public static class Mfrc522Register
    {
        /// <summary>Starts and stops command execution.</summary>
        public const byte CommandReg = 0x01;
        /// <summary>Interrupt request enable bits.</summary>
        public const byte ComIEnReg = 0x02;
        /// <summary>Interrupt request enable bits (CRC, MFIN).</summary>
        public const byte DivIEnReg = 0x03;
        /// <summary>Interrupt request bits (Tx, Rx, Idle, HiAlert, LoAlert, Err, Timer).</summary>
        public const byte ComIrqReg = 0x04;
        /// <summary>Interrupt request bits (CRCIRq, MfinActIRq).</summary>
        public const byte DivIrqReg = 0x05;
        /// <summary>Error bits of the last command.</summary>
        public const byte ErrorReg = 0x06;
        /// <summary>Communication status bits.</summary>
        public const byte Status1Reg = 0x07;
        /// <summary>Receiver and transmitter status bits.</summary>
        public const byte Status2Reg = 0x08;
        /// <summary>Input and output of the 64-byte FIFO buffer.</summary>
        public const byte FIFODataReg = 0x09;
        /// <summary>Number of bytes in the FIFO (bit 7 written: FlushBuffer).</summary>
        public const byte FIFOLevelReg = 0x0A;
        /// <summary>Level for FIFO under/overflow warning.</summary>
        public const byte WaterLevelReg = 0x0B;
        /// <summary>Miscellaneous control (RxLastBits in bits 2..0).</summary>
        public const byte ControlReg = 0x0C;
        /// <summary>Bit-oriented frame adjustments (StartSend, RxAlign, TxLastBits).</summary>
        public const byte BitFramingReg = 0x0D;
        /// <summary>Position of the first bit collision.</summary>
        public const byte CollReg = 0x0E;
        /// <summary>General modes for transmitting and receiving (CRC preset).</summary>
        public const byte ModeReg = 0x11;
        /// <summary>Transmission data rate and framing (TxCRCEn).</summary>
        public const byte TxModeReg = 0x12;
        /// <summary>Reception data rate and framing (RxCRCEn).</summary>
        public const byte RxModeReg = 0x13;
        /// <summary>Antenna driver pins TX1 and TX2 (the RF field).</summary>
        public const byte TxControlReg = 0x14;
        /// <summary>Transmit modulation (Force100ASK).</summary>
        public const byte TxASKReg = 0x15;
        /// <summary>CRC result, most significant byte.</summary>
        public const byte CRCResultRegH = 0x21;
        /// <summary>CRC result, least significant byte (sent first for CRC_A).</summary>
        public const byte CRCResultRegL = 0x22;
        /// <summary>Receiver gain.</summary>
        public const byte RFCfgReg = 0x26;
        /// <summary>Timer settings (TAuto, TPrescaler_Hi).</summary>
        public const byte TModeReg = 0x2A;
        /// <summary>Timer prescaler, low 8 bits.</summary>
        public const byte TPrescalerReg = 0x2B;
        /// <summary>Timer reload value, high byte.</summary>
        public const byte TReloadRegH = 0x2C;
        /// <summary>Timer reload value, low byte.</summary>
        public const byte TReloadRegL = 0x2D;
        /// <summary>Chip version: 0x91 (v1.0) or 0x92 (v2.0).</summary>
        public const byte VersionReg = 0x37;

        /// <summary>The SPI address byte for writing a register: (addr &lt;&lt; 1) &amp; 0x7E.</summary>
        public static byte WriteAddress(byte register) => (byte)((register << 1) & 0x7E);

        /// <summary>The SPI address byte for reading a register: the write address with bit 7 set.</summary>
        public static byte ReadAddress(byte register) => (byte)(((register << 1) & 0x7E) | 0x80);
    }

    /// <summary>MFRC522 commands written to CommandReg (datasheet section 10.3).</summary>
    public static class Mfrc522Command
    {
        /// <summary>No action; cancels the current command.</summary>
        public const byte Idle = 0x00;
        /// <summary>Runs the CRC coprocessor over the FIFO content.</summary>
        public const byte CalcCRC = 0x03;
        /// <summary>Transmits the FIFO content.</summary>
        public const byte Transmit = 0x04;
        /// <summary>Activates the receiver.</summary>
        public const byte Receive = 0x08;
        /// <summary>Transmits the FIFO content (on StartSend) and then receives into the FIFO.</summary>
        public const byte Transceive = 0x0C;
        /// <summary>Resets the chip.</summary>
        public const byte SoftReset = 0x0F;
    }

    /// <summary>Bits of the MFRC522 interrupt, error and framing registers.</summary>
    public static class Mfrc522Bits
    {
        /// <summary>ComIrqReg: written with the other bits, sets them instead of clearing.</summary>
        public const byte Set1 = 0x80;
        /// <summary>ComIrqReg: the last bit was transmitted.</summary>
        public const byte TxIRq = 0x40;
        /// <summary>ComIrqReg: the receiver detected the end of a valid stream.</summary>
        public const byte RxIRq = 0x20;
        /// <summary>ComIrqReg: a command terminated.</summary>
        public const byte IdleIRq = 0x10;
        /// <summary>ComIrqReg: an error bit in ErrorReg is set.</summary>
        public const byte ErrIRq = 0x02;
        /// <summary>ComIrqReg: the timer counted down to zero.</summary>
        public const byte TimerIRq = 0x01;
        /// <summary>DivIrqReg: the CRC coprocessor finished.</summary>
        public const byte CRCIRq = 0x04;
        /// <summary>ErrorReg: FIFO overflow.</summary>
        public const byte BufferOvfl = 0x10;
        /// <summary>ErrorReg: bit collision.</summary>
        public const byte CollErr = 0x08;
        /// <summary>ErrorReg: CRC check failed (RxCRCEn).</summary>
        public const byte CRCErr = 0x04;
        /// <summary>ErrorReg: parity check failed.</summary>
        public const byte ParityErr = 0x02;
        /// <summary>ErrorReg: SOF wrong or frame length wrong.</summary>
        public const byte ProtocolErr = 0x01;
        /// <summary>BitFramingReg: starts the transmission of Transceive.</summary>
        public const byte StartSend = 0x80;
        /// <summary>FIFOLevelReg: flushes the FIFO when written.</summary>
        public const byte FlushBuffer = 0x80;
        /// <summary>TModeReg: the timer starts at the end of every transmission.</summary>
        public const byte TAuto = 0x80;
        /// <summary>TxControlReg: both antenna drivers on (the RF field).</summary>
        public const byte TxRfEnable = 0x03;
        /// <summary>TxModeReg / RxModeReg: hardware CRC on.</summary>
        public const byte CrcEnable = 0x80;
    }

    /// <summary>ISO/IEC 14443-3 type A commands and ISO/IEC 14443-4 block bytes.</summary>
    public static class Iso14443
    {
        /// <summary>REQA, a 7-bit short frame: wakes cards in IDLE.</summary>
        public const byte Reqa = 0x26;
        /// <summary>WUPA, a 7-bit short frame: wakes cards in IDLE or HALT.</summary>
        public const byte Wupa = 0x52;
        /// <summary>HLTA first byte (followed by 00 and CRC_A).</summary>
        public const byte Hlta = 0x50;
        /// <summary>SEL of cascade level 1; levels 2 and 3 are 0x95 and 0x97.</summary>
        public const byte SelectCl1 = 0x93;
        /// <summary>The cascade tag starting a UID part that continues at the next level.</summary>
        public const byte CascadeTag = 0x88;
        /// <summary>NVB of the anticollision command: 2 bytes, no UID bits known.</summary>
        public const byte NvbAnticollision = 0x20;
        /// <summary>NVB of SELECT: 7 whole bytes.</summary>
        public const byte NvbSelect = 0x70;
        /// <summary>SAK bit: UID not complete, another cascade level follows.</summary>
        public const byte SakCascade = 0x04;
        /// <summary>SAK bit: the card speaks ISO/IEC 14443-4.</summary>
        public const byte SakIso14443_4 = 0x20;
        /// <summary>RATS first byte.</summary>
        public const byte Rats = 0xE0;
        /// <summary>I-block PCB (block number in bit 0, chaining in bit 4).</summary>
        public const byte IBlock = 0x02;
        /// <summary>PCB chaining bit of I-blocks.</summary>
        public const byte Chaining = 0x10;
        /// <summary>R(ACK) PCB (block number in bit 0).</summary>
        public const byte RAck = 0xA2;
        /// <summary>R(NAK) PCB (block number in bit 0).</summary>
        public const byte RNak = 0xB2;
        /// <summary>S(DESELECT) PCB.</summary>
        public const byte SDeselect = 0xC2;
        /// <summary>S(WTX) PCB, followed by the WTXM byte.</summary>
        public const byte SWtx = 0xF2;

        /// <summary>CRC_A of ISO/IEC 14443-3 (preset 0x6363, reflected polynomial 0x8408), low byte first.</summary>
        public static int CrcA(byte[] data, int offset, int count)
        {
            int crc = 0x6363;
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i] ^ (crc & 0xFF);
                b = (b ^ (b << 4)) & 0xFF;
                crc = ((crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4)) & 0xFFFF;
            }

            return crc;
        }

        /// <summary>Maximum frame size for an FSCI/FSDI code (ISO/IEC 14443-4, table 1).</summary>
        public static int FrameSize(int code)
        {
            switch (code)
            {
                case 0: return 16;
                case 1: return 24;
                case 2: return 32;
                case 3: return 40;
                case 4: return 48;
                case 5: return 64;
                case 6: return 96;
                case 7: return 128;
                default: return 256;
            }
        }
    }
}
