#!/usr/bin/env bash
# scripts/check_test_names.sh -- every GoogleTest suite, case, fixture and instantiation prefix
# named in tests/ is lower_snake_case (docs/building.md), so that a failure reads as a sentence:
# spec_errors.unknown_key_names_position_allowed_keys_and_hint. Part of the lint phase
# (scripts/test.sh --lint).
#
#   scripts/check_test_names.sh            all of tests/**/*.cpp and *.hpp
#   scripts/check_test_names.sh FILE...    just these files (paths from the repository root)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if (($# > 0)); then
  files=("$@")
else
  mapfile -t files < <(find tests -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort)
fi

# Perl reads each file whole, so a macro whose arguments span lines is seen too. For each macro,
# how many leading arguments are names: TEST(suite, case), INSTANTIATE_TEST_SUITE_P(prefix,
# suite, ...), TYPED_TEST_SUITE(suite, types) ... A macro on a // comment line is skipped.
perl -e '
  my %names = (TEST => 2, TEST_F => 2, TEST_P => 2, GTEST_TEST => 2, TYPED_TEST => 2,
               TYPED_TEST_P => 2, FRIEND_TEST => 2, TYPED_TEST_SUITE => 1,
               TYPED_TEST_SUITE_P => 1, REGISTER_TYPED_TEST_SUITE_P => 1,
               INSTANTIATE_TEST_SUITE_P => 2, INSTANTIATE_TYPED_TEST_SUITE_P => 2,
               TYPED_TEST_CASE => 1, TYPED_TEST_CASE_P => 1, REGISTER_TYPED_TEST_CASE_P => 1,
               INSTANTIATE_TEST_CASE_P => 2, INSTANTIATE_TYPED_TEST_CASE_P => 2);
  my $macros = join "|", sort { length $b <=> length $a } keys %names;
  my ($bad, $seen) = (0, 0);
  for my $file (@ARGV) {
    open my $fh, "<", $file or die "$file: $!\n";
    local $/;
    my $text = <$fh>;
    while ($text =~ /(?<![\w#])($macros)\s*\(\s*((?:\w+\s*,\s*)*\w+)/g) {
      my ($macro, $args, $at) = ($1, $2, $-[0]);
      my $line_start = rindex($text, "\n", $at) + 1;
      next if substr($text, $line_start, $at - $line_start) =~ m{//|^\s*#\s*define};
      my $line = 1 + (substr($text, 0, $at) =~ tr/\n//);
      my @args = split /\s*,\s*/, $args;
      $seen++;
      for my $name (@args[0 .. $names{$macro} - 1]) {
        next if !defined $name || $name =~ /\A[a-z][a-z0-9_]*\z/;
        print STDERR "$file:$line: $macro name \x27$name\x27 is not lower_snake_case\n";
        $bad++;
      }
    }
  }
  if ($bad) {
    print STDERR "test names: $bad name(s) not lower_snake_case: suite = the file stem without ",
                 "_test, case = what it checks (docs/building.md, ## CMake)\n";
    exit 1;
  }
  print "test names: $seen GoogleTest macros in ", scalar(@ARGV), " files, all lower_snake_case\n";
' "${files[@]}"
