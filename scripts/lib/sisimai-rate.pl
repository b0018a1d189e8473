#!/usr/bin/perl
# Bounce e-mails per second through Debian's sisimai (libsisimai-perl), one thread: every .eml
# file under DIR read into memory first, then Sisimai->make on each in turn (parse + reason, as the
# Java side's RawEmailBenchmark does), for at least SECONDS after a warm-up pass. Prints one line:
# "sisimai <version> <files> files <rate> e-mails/s".
use strict;
use warnings;
use File::Find;
use Time::HiRes qw(time);
use Sisimai;

my ($dir, $seconds) = @ARGV;
die "usage: sisimai-rate.pl DIR SECONDS\n" unless defined $dir && defined $seconds;
my @texts;
find({ no_chdir => 1, wanted => sub {
    return unless /\.eml$/;
    open(my $fh, '<:raw', $_) or die "$_: $!";
    local $/; push @texts, scalar <$fh>; close $fh;
} }, $dir);
die "no .eml files under $dir\n" unless @texts;

Sisimai->make(\$_) for @texts;          # warm-up: loads every MTA module sisimai requires lazily
my ($done, $start) = (0, time);
while (time - $start < $seconds) {
    for my $t (@texts) { Sisimai->make(\$t); $done++; }
}
my $elapsed = time - $start;
printf "sisimai %s %d files %.0f e-mails/s\n", $Sisimai::VERSION, scalar @texts, $done / $elapsed;
