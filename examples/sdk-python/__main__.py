import program

program.define()
