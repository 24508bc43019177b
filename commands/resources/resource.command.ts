/** `/resource`: the community's rooms, machines, tools and books, booked and lent through chat. */
import { defineCommand } from './kit.ts';
import { addSubcommand, listSubcommand, removeSubcommand, showSubcommand, trainSubcommand } from './library.command.ts';
import {
  askSubcommand,
  bookSubcommand,
  borrowSubcommand,
  cancelSubcommand,
  mineSubcommand,
  returnSubcommand,
} from './use.command.ts';

export const resourceCommand = defineCommand({
  name: 'resource',
  description: 'Book and borrow the community’s rooms, machines, tools and books',
  default: 'list',
  subcommands: {
    add: addSubcommand,
    list: listSubcommand,
    show: showSubcommand,
    book: bookSubcommand,
    cancel: cancelSubcommand,
    mine: mineSubcommand,
    borrow: borrowSubcommand,
    return: returnSubcommand,
    ask: askSubcommand,
    train: trainSubcommand,
    remove: removeSubcommand,
  },
});
