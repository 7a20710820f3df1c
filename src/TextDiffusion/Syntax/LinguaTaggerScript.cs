namespace TextDiffusion.Syntax;

/// <summary>
/// The Perl program <see cref="PosTagger"/> runs (<c>perl -e</c>). It loads Lingua::EN::Tagger (Debian
/// <c>liblingua-en-tagger-perl</c>, 0.31) for its model only: the lexicon of word/tag counts, the tag-bigram
/// table and the unknown-word classes (-cap-, -ing-, *NUM*, ...). Its own <c>add_tags</c> cannot be used:
/// it re-tokenizes the text (contractions such as "isn't", quotes, sentence-final periods), which would break
/// the one-tag-per-input-word alignment, and it decodes greedily, one word at a time. Instead each input line is one pre-tokenized sentence, words separated by
/// single spaces, and the script Viterbi-decodes the whole sentence with the same model as a bigram HMM,
/// P(tag | previous tag) · P(word | tag), starting after a sentence end. Lexicon look-up tries the word,
/// then with a lower-case first letter, then British→American spellings (centre→center, colour→color,
/// organise→organize), then capitalised (so "italian" finds "Italian"); otherwise Lingua's unknown-word
/// class. It prints one line per input line: per word <c>tag/lexicontag/k|u</c> (Lingua's lower-case tags;
/// lexicontag is the most frequent tag of the lower-cased word, "-" if unknown; k = in lexicon, u = guessed).
/// "ready" is printed once the model is loaded. Output is flushed per line.
/// </summary>
internal static class LinguaTaggerScript
{
    public const string Source = """
        use strict; use warnings;
        use Lingua::EN::Tagger;
        binmode STDIN, ':encoding(UTF-8)'; binmode STDOUT, ':encoding(UTF-8)'; $| = 1;
        my $tagger = Lingua::EN::Tagger->new(stem => 0);
        our (%LEX, %HMM);
        *LEX = \%Lingua::EN::Tagger::_LEXICON; *HMM = \%Lingua::EN::Tagger::_HMM;
        die "Lingua::EN::Tagger: empty lexicon or HMM (unsupported version?)\n" unless %LEX && %HMM && $tagger->can('_clean_word');
        my %total;
        for my $w (keys %LEX) { for my $t (keys %{$LEX{$w}}) { my $c = ${$LEX{$w}{$t}}; $total{$t} += $c if defined $c && $c > 0 } }
        sub counts { my $e = $LEX{$_[0]} or return {}; my %c;
          for my $t (keys %$e) { my $c = ${$e->{$t}}; $c{$t} = $c if defined $c && $c > 0 && $total{$t} } return \%c }
        sub known { return scalar %{counts($_[0])} }
        sub key_of {
          my ($w) = @_;
          for my $k ($w, lcfirst $w) { return ($k, 1) if known($k) }
          my $v = lc $w;
          for my $alt ($v =~ s/tre$/ter/r, $v =~ s/tres$/ters/r, $v =~ s/our$/or/r, $v =~ s/ours$/ors/r,
                       $v =~ s/is(e|ed|es|ing)$/iz$1/r) { return ($alt, 1) if $alt ne $v && known($alt) }
          return (ucfirst $v, 1) if known(ucfirst $v);
          return ($tagger->_clean_word($w), 0);
        }
        sub top { my ($c) = @_; my ($b, $n) = ('-', -1);
          for my $t (sort keys %$c) { ($b, $n) = ($t, $c->{$t}) if $c->{$t} > $n } return $b }
        print "ready\n";
        while (my $line = <STDIN>) {
          chomp $line;
          if ($line eq '') { print "\n"; next }
          my @w = split / /, $line, -1;
          my (@keys, @known);
          for (@w) { my ($k, $kn) = key_of($_); push @keys, $k; push @known, $kn }
          my @V = ({pp => [0, '']});
          for my $i (0 .. $#keys) {
            my $c = counts($keys[$i]); $c = {nn => 1} unless %$c;
            my %cur;
            for my $t (sort keys %$c) {
              my $em = log(($c->{$t}) / ($total{$t} || 1));
              my ($best, $arg);
              for my $p (sort keys %{$V[$i]}) {
                my $tr = $HMM{$p}{$t} // 0; $tr = 1e-9 if $tr <= 0;
                my $s = $V[$i]{$p}[0] + log($tr) + $em;
                ($best, $arg) = ($s, $p) if !defined $best || $s > $best;
              }
              $cur{$t} = [$best, $arg];
            }
            push @V, \%cur;
          }
          my ($bt) = sort { $V[-1]{$b}[0] <=> $V[-1]{$a}[0] || $a cmp $b } keys %{$V[-1]};
          my @tags;
          for (my $i = $#V; $i >= 1; $i--) { unshift @tags, $bt; $bt = $V[$i]{$bt}[1] }
          my @out;
          for my $i (0 .. $#w) {
            my ($lk, $lkn) = key_of(lc $w[$i]);
            my $lex = $lkn && $lk eq lc $lk ? top(counts($lk)) : '-';
            push @out, "$tags[$i]/$lex/" . ($known[$i] ? 'k' : 'u');
          }
          print join(' ', @out), "\n";
        }
        """;
}
