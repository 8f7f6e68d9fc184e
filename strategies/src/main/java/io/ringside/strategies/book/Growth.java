package io.ringside.strategies.book;

/**
 * How many times the books sharing it grew their storage: a growth is the only allocation a book makes after it is
 * created, so this count is what an operator watches to see that the books were sized for the day.
 */
final class Growth
{
    long count;
}
