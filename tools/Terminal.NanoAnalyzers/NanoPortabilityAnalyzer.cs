using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Terminal.NanoAnalyzers
{
    /// <summary>
    /// Errors for portable code that compiles against nanoFramework's mscorlib but cannot run on a
    /// nanoFramework 1.x device, or breaks a house rule of portable code.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoPortabilityAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>NANO001: generics (nanoFramework 1.x has no generic types at run time).</summary>
        public static readonly DiagnosticDescriptor Generics = new DiagnosticDescriptor(
            "NANO001", "Generics are not portable",
            "'{0}' uses generics, which nanoFramework 1.x cannot run; use object, ArrayList or a typed array",
            "Portability", DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>NANO002: multidimensional arrays.</summary>
        public static readonly DiagnosticDescriptor MultiDimensionalArray = new DiagnosticDescriptor(
            "NANO002", "Multidimensional arrays are not portable",
            "Multidimensional array '{0}' is not supported by nanoFramework; use a flat array with computed indexes",
            "Portability", DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>NANO003: floating point (money is integer minor units; devices may lack an FPU).</summary>
        public static readonly DiagnosticDescriptor FloatingPoint = new DiagnosticDescriptor(
            "NANO003", "Floating point in portable code",
            "'{0}' is floating point; portable code uses integers (amounts in fen)",
            "Portability", DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <summary>NANO004: reflection.</summary>
        public static readonly DiagnosticDescriptor Reflection = new DiagnosticDescriptor(
            "NANO004", "Reflection in portable code",
            "'{0}' uses reflection, which is slow and partial on nanoFramework",
            "Portability", DiagnosticSeverity.Error, isEnabledByDefault: true);

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics =>
            ImmutableArray.Create(Generics, MultiDimensionalArray, FloatingPoint, Reflection);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSyntaxNodeAction(OnTypeParameters, SyntaxKind.TypeParameterList);
            context.RegisterSyntaxNodeAction(OnGenericName, SyntaxKind.GenericName);
            context.RegisterSyntaxNodeAction(OnArrayRank, SyntaxKind.ArrayRankSpecifier);
            context.RegisterSyntaxNodeAction(OnPredefinedType, SyntaxKind.PredefinedType);
            context.RegisterSyntaxNodeAction(OnRealLiteral, SyntaxKind.NumericLiteralExpression);
            context.RegisterSyntaxNodeAction(OnMemberAccess, SyntaxKind.SimpleMemberAccessExpression);
            context.RegisterSyntaxNodeAction(OnTypeOf, SyntaxKind.TypeOfExpression);
        }

        private static void OnTypeParameters(SyntaxNodeAnalysisContext c)
        {
            var parent = c.Node.Parent;
            string name = parent is BaseTypeDeclarationSyntax t ? t.Identifier.Text
                : parent is MethodDeclarationSyntax m ? m.Identifier.Text
                : parent is DelegateDeclarationSyntax d ? d.Identifier.Text
                : c.Node.ToString();
            c.ReportDiagnostic(Diagnostic.Create(Generics, c.Node.GetLocation(), name));
        }

        private static void OnGenericName(SyntaxNodeAnalysisContext c) =>
            c.ReportDiagnostic(Diagnostic.Create(Generics, c.Node.GetLocation(), c.Node.ToString()));

        private static void OnArrayRank(SyntaxNodeAnalysisContext c)
        {
            var rank = (ArrayRankSpecifierSyntax)c.Node;
            if (rank.Rank > 1)
            {
                c.ReportDiagnostic(Diagnostic.Create(MultiDimensionalArray, c.Node.GetLocation(), c.Node.Parent?.ToString() ?? rank.ToString()));
            }
        }

        private static void OnPredefinedType(SyntaxNodeAnalysisContext c)
        {
            var kind = ((PredefinedTypeSyntax)c.Node).Keyword.Kind();
            if (kind == SyntaxKind.FloatKeyword || kind == SyntaxKind.DoubleKeyword || kind == SyntaxKind.DecimalKeyword)
            {
                c.ReportDiagnostic(Diagnostic.Create(FloatingPoint, c.Node.GetLocation(), c.Node.ToString()));
            }
        }

        private static void OnRealLiteral(SyntaxNodeAnalysisContext c)
        {
            var token = ((LiteralExpressionSyntax)c.Node).Token;
            if (token.Value is double || token.Value is float || token.Value is decimal)
            {
                c.ReportDiagnostic(Diagnostic.Create(FloatingPoint, c.Node.GetLocation(), token.Text));
            }
        }

        private static void OnMemberAccess(SyntaxNodeAnalysisContext c)
        {
            var access = (MemberAccessExpressionSyntax)c.Node;
            if (c.SemanticModel.GetSymbolInfo(access, c.CancellationToken).Symbol is ISymbol symbol
                && symbol.ContainingNamespace?.ToDisplayString() == "System.Reflection")
            {
                c.ReportDiagnostic(Diagnostic.Create(Reflection, c.Node.GetLocation(), access.ToString()));
            }
        }

        private static void OnTypeOf(SyntaxNodeAnalysisContext c)
        {
            // typeof(X).GetMethod(...) and friends: flag typeof used as the target of a member access.
            if (c.Node.Parent is MemberAccessExpressionSyntax)
            {
                c.ReportDiagnostic(Diagnostic.Create(Reflection, c.Node.GetLocation(), c.Node.Parent.ToString()));
            }
        }
    }
}
