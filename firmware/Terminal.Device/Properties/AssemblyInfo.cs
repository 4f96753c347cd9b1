using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Terminal.Device")]
[assembly: AssemblyDescription("Payment terminal firmware: the board adapters and wiring on .NET nanoFramework")]
[assembly: AssemblyProduct("Terminal")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
