using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("Terminal.DeviceTests")]
[assembly: AssemblyDescription("The portable test cases of Terminal, run on a nanoFramework device or its virtual device")]
[assembly: AssemblyProduct("Terminal")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
