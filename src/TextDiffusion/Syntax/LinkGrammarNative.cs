using System.Runtime.InteropServices;

namespace TextDiffusion.Syntax;

/// <summary>
/// The parts of link-grammar's C API (<c>link-grammar/link-includes.h</c>, library 5.x) that
/// <see cref="LinkGrammarParser"/> uses. Handles are opaque pointers; strings are UTF-8.
/// </summary>
internal static class LinkGrammarNative
{
    public const string Library = "liblink-grammar.so.5";

    /// <summary><c>ConstituentDisplayStyle.SINGLE_LINE</c>: one line, round brackets. (MULTILINE is 1.)</summary>
    public const int SingleLine = 3;

    /// <summary><c>lg_error_severity</c>: lg_Fatal = 1, lg_Error, lg_Warn, lg_Info, ...</summary>
    public const int SeverityWarning = 3;

    /// <summary><c>void (*lg_error_handler)(lg_errinfo *, void *)</c>.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate void ErrorHandler(IntPtr errorInfo, IntPtr data);

    [DllImport(Library)] public static extern IntPtr lg_error_set_handler(ErrorHandler? handler, IntPtr data);
    [DllImport(Library)] public static extern IntPtr linkgrammar_get_version();

    [DllImport(Library)] public static extern IntPtr dictionary_create_lang([MarshalAs(UnmanagedType.LPUTF8Str)] string language);
    [DllImport(Library)] public static extern void dictionary_delete(IntPtr dictionary);

    [DllImport(Library)] public static extern IntPtr parse_options_create();
    [DllImport(Library)] public static extern int parse_options_delete(IntPtr options);
    [DllImport(Library)] public static extern void parse_options_set_verbosity(IntPtr options, int verbosity);
    [DllImport(Library)] public static extern void parse_options_set_linkage_limit(IntPtr options, int limit);
    [DllImport(Library)] public static extern void parse_options_set_disjunct_cost(IntPtr options, float cost);
    [DllImport(Library)] public static extern void parse_options_set_min_null_count(IntPtr options, int count);
    [DllImport(Library)] public static extern void parse_options_set_max_null_count(IntPtr options, int count);
    [DllImport(Library)] public static extern void parse_options_set_islands_ok(IntPtr options, [MarshalAs(UnmanagedType.U1)] bool ok);
    [DllImport(Library)] public static extern void parse_options_set_spell_guess(IntPtr options, int guesses);
    [DllImport(Library)] public static extern void parse_options_set_max_parse_time(IntPtr options, int seconds);
    [DllImport(Library)] public static extern void parse_options_set_repeatable_rand(IntPtr options, [MarshalAs(UnmanagedType.U1)] bool repeatable);
    [DllImport(Library)] public static extern void parse_options_reset_resources(IntPtr options);

    [DllImport(Library)] public static extern IntPtr sentence_create([MarshalAs(UnmanagedType.LPUTF8Str)] string input, IntPtr dictionary);
    [DllImport(Library)] public static extern void sentence_delete(IntPtr sentence);
    [DllImport(Library)] public static extern int sentence_split(IntPtr sentence, IntPtr options);
    [DllImport(Library)] public static extern int sentence_parse(IntPtr sentence, IntPtr options);
    [DllImport(Library)] public static extern int sentence_length(IntPtr sentence);
    [DllImport(Library)] public static extern int sentence_null_count(IntPtr sentence);

    [DllImport(Library)] public static extern IntPtr linkage_create(nuint index, IntPtr sentence, IntPtr options);
    [DllImport(Library)] public static extern void linkage_delete(IntPtr linkage);
    [DllImport(Library)] public static extern nuint linkage_get_num_words(IntPtr linkage);
    [DllImport(Library)] public static extern IntPtr linkage_get_word(IntPtr linkage, nuint word);
    [DllImport(Library)] public static extern nuint linkage_get_word_byte_start(IntPtr linkage, nuint word);
    [DllImport(Library)] public static extern IntPtr linkage_print_constituent_tree(IntPtr linkage, int style);
    [DllImport(Library)] public static extern void linkage_free_constituent_tree_str(IntPtr text);
}
