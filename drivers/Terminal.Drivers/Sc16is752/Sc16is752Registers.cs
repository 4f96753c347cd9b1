namespace Terminal.Drivers.Bridge
{
    /// <summary>
    /// SC16IS752 register addresses (datasheet Table 10), as the A[3:0] field of the SPI address byte. Some share an
    /// address and are told apart by LCR: DLL/DLH with LCR[7] = 1, EFR with LCR = 0xBF.
    /// </summary>
    public static class Sc16is752Register
    {
        /// <summary>RHR (read) / THR (write): the receive and transmit FIFOs.</summary>
        public const int RhrThr = 0x00;

        /// <summary>IER: interrupt enable.</summary>
        public const int Ier = 0x01;

        /// <summary>FCR (write) / IIR (read).</summary>
        public const int FcrIir = 0x02;

        /// <summary>LCR: line control (word length, stop bits, parity, divisor latch enable).</summary>
        public const int Lcr = 0x03;

        /// <summary>MCR: modem control (MCR[7]: clock prescaler 1 or 4).</summary>
        public const int Mcr = 0x04;

        /// <summary>LSR: line status (data ready, overrun, parity, framing, break, FIFO data error).</summary>
        public const int Lsr = 0x05;

        /// <summary>SPR: scratch pad (the driver's bus check).</summary>
        public const int Spr = 0x07;

        /// <summary>TXLVL: spaces free in the transmit FIFO (0 to 64).</summary>
        public const int TxLvl = 0x08;

        /// <summary>RXLVL: characters waiting in the receive FIFO (0 to 64).</summary>
        public const int RxLvl = 0x09;

        /// <summary>IODir: GPIO direction, 1 = output (shared by both channels).</summary>
        public const int IoDir = 0x0A;

        /// <summary>IOState: GPIO levels (read) and output latches (write).</summary>
        public const int IoState = 0x0B;

        /// <summary>IOIntEna: GPIO input-change interrupt enable.</summary>
        public const int IoIntEna = 0x0C;

        /// <summary>IOControl: IOControl[3] software reset, [2:1] GPIO or modem pins, [0] input latch.</summary>
        public const int IoControl = 0x0E;

        /// <summary>EFCR: extra features (RS-485, IrDA, receiver/transmitter disable).</summary>
        public const int Efcr = 0x0F;

        /// <summary>DLL: divisor latch low byte (with LCR[7] = 1, at the RHR address).</summary>
        public const int Dll = 0x00;

        /// <summary>DLH: divisor latch high byte (with LCR[7] = 1, at the IER address).</summary>
        public const int Dlh = 0x01;

        /// <summary>The SPI address byte: R/W in bit 7 (1 = read), A[3:0] in bits 6:3, CH1:CH0 in bits 2:1.</summary>
        public static byte Address(bool read, int register, int channel)
            => (byte)((read ? 0x80 : 0x00) | ((register & 0x0F) << 3) | ((channel & 0x03) << 1));
    }

    /// <summary>Bits of the SC16IS752 registers the driver uses (datasheet section 8).</summary>
    public static class Sc16is752Bits
    {
        /// <summary>LCR[1:0] = 11: 8 data bits.</summary>
        public const int LcrWord8 = 0x03;

        /// <summary>LCR[2]: 2 stop bits (with 6 to 8 data bits).</summary>
        public const int LcrTwoStop = 0x04;

        /// <summary>LCR[3]: parity enable.</summary>
        public const int LcrParityEnable = 0x08;

        /// <summary>LCR[4]: even parity (with LCR[3]).</summary>
        public const int LcrEvenParity = 0x10;

        /// <summary>LCR[7]: divisor latch enable (DLL/DLH at addresses 0 and 1).</summary>
        public const int LcrDivisorLatch = 0x80;

        /// <summary>FCR[0]: FIFOs enabled.</summary>
        public const int FcrFifoEnable = 0x01;

        /// <summary>FCR[1]: reset the receive FIFO (self-clearing).</summary>
        public const int FcrResetRx = 0x02;

        /// <summary>FCR[2]: reset the transmit FIFO (self-clearing).</summary>
        public const int FcrResetTx = 0x04;

        /// <summary>LSR[0]: at least one character in the receive FIFO.</summary>
        public const int LsrDataReady = 0x01;

        /// <summary>LSR[1]: overrun: a character arrived with the receive FIFO full and was lost.</summary>
        public const int LsrOverrun = 0x02;

        /// <summary>LSR[2]: parity error in the character at the top of the receive FIFO.</summary>
        public const int LsrParity = 0x04;

        /// <summary>LSR[3]: framing error (no valid stop bit) in the character at the top of the receive FIFO.</summary>
        public const int LsrFraming = 0x08;

        /// <summary>LSR[4]: break condition at the top of the receive FIFO.</summary>
        public const int LsrBreak = 0x10;

        /// <summary>LSR[5]: transmit holding register empty.</summary>
        public const int LsrThrEmpty = 0x20;

        /// <summary>LSR[6]: THR and transmit shift register empty.</summary>
        public const int LsrTransmitterEmpty = 0x40;

        /// <summary>LSR[7]: at least one parity, framing or break error somewhere in the receive FIFO.</summary>
        public const int LsrFifoDataError = 0x80;

        /// <summary>IOControl[3]: software reset (self-clearing; the SPI answers meanwhile with no acknowledge).</summary>
        public const int IoControlSoftwareReset = 0x08;
    }
}
